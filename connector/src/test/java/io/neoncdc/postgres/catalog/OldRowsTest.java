package io.neoncdc.postgres.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Where old rows come from, per relreplident, key and leaf partitions. */
class OldRowsTest {
    private static final ColumnInfo ID =
            new ColumnInfo("id", PgType.builtin(20, "int8", -1), true, null, false, false);

    @Test
    void byIdentityAndKey() {
        assertThat(OldRows.of('f', List.of())).isEqualTo(OldRows.WAL);
        assertThat(OldRows.of('f', List.of("id"))).isEqualTo(OldRows.WAL);
        assertThat(OldRows.of('d', List.of("id"))).isEqualTo(OldRows.STATE);
        assertThat(OldRows.of('i', List.of("code"))).isEqualTo(OldRows.STATE);
        assertThat(OldRows.of('d', List.of())).as("keyless").isEqualTo(OldRows.INSERT_ONLY);
        assertThat(OldRows.of('n', List.of("id"))).isEqualTo(OldRows.INSERT_ONLY);
    }

    @Test
    void aPartitionedTableNeedsStateIfAnyLeafDoes() {
        assertThat(OldRows.of(partitioned(List.of("id"), 'f', 'f'))).isEqualTo(OldRows.WAL);
        assertThat(OldRows.of(partitioned(List.of("id"), 'f', 'd'))).isEqualTo(OldRows.STATE);
        assertThat(OldRows.of(partitioned(List.of("id"), 'f', 'n'))).isEqualTo(OldRows.WAL);
        assertThat(OldRows.of(partitioned(List.of(), 'd', 'd'))).isEqualTo(OldRows.INSERT_ONLY);
        assertThat(OldRows.of(partitioned(List.of(), 'd', 'i'))).isEqualTo(OldRows.STATE);
    }

    private static TableInfo partitioned(List<String> key, char... leaves) {
        List<PartitionLeaf> list = new java.util.ArrayList<>();
        for (int i = 0; i < leaves.length; i++) {
            list.add(new PartitionLeaf(new TableId("public", "p_" + i), 100 + i, leaves[i], 10, 1));
        }
        return new TableInfo(new TableId("public", "p"), 1, 'p', 'd', List.of(ID), key, key, 0, 0)
                .withLeaves(list);
    }
}
