package io.neoncdc.postgres.split;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.catalog.TableId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Split ids are readable and the chunk index comes back out of them, whatever the table name. */
class SplitIdTest {

    @Test
    void chunkIdsNameTableAndIndex() {
        assertThat(SnapshotSplit.splitId(SplitFixtures.ORDERS, 7))
                .isEqualTo("public.orders:chunk-0007");
        assertThat(SnapshotSplit.splitId(SplitFixtures.ORDERS, 12345))
                .isEqualTo("public.orders:chunk-12345");
        assertThat(SplitFixtures.stream(0, 0, 0, List.of()).splitId()).isEqualTo("stream");
    }

    @Test
    void chunkIndexSurvivesTableNamesThatLookLikeIds() {
        for (TableId t :
                new TableId[] {
                    new TableId("public", "x:chunk-9"),
                    new TableId("chunk-1", "chunk-2"),
                    new TableId("s", "t\u00e4ble:chunk-")
                }) {
            for (int index : new int[] {0, 7, 9999, 10000, Integer.MAX_VALUE}) {
                assertThat(SnapshotSplit.chunkIndexOf(SnapshotSplit.splitId(t, index)))
                        .isEqualTo(index);
            }
        }
    }

    @Test
    void streamSplitSaysWhereItResumes() {
        assertThat(SplitFixtures.stream(0x16B3748L, 0, 0, List.of()))
                .hasToString("stream from 0/16B3748");
        assertThat(
                        SplitFixtures.stream(
                                0x1000,
                                0x2000,
                                3,
                                List.of(SplitFixtures.finished(0, null, null, "1:2:", 5))))
                .hasToString(
                        "stream from 0/1000 skipping 3 events of txn ending 0/2000, filtering by 1"
                                + " chunk snapshots");
    }
}
