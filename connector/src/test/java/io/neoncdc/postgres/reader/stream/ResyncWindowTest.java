package io.neoncdc.postgres.reader.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.event.CapturedTableSchema;
import io.neoncdc.postgres.reader.ReadChunkRows;
import io.neoncdc.postgres.split.VisibilitySnapshot;
import java.util.List;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.VarCharType;
import org.junit.jupiter.api.Test;

/**
 * {@link ResyncWindow} drops held rows whose key the stream changed and releases the rest once the
 * stream passed the chunk snapshot's WAL position.
 */
class ResyncWindowTest {
    @Test
    void rowsTheStreamTouchedAreDroppedTheRestWaitForTheStream() {
        ResyncWindow w =
                new ResyncWindow(chunk(row(1, "a"), row(2, "b"), row(3, "c"), row(4, "d")));
        // Stream rows are built separately (different objects, same key values).
        w.changed(null, row(2, "b2"));
        w.changed(row(3, null), null);
        w.changed(row(9, "x"), row(4, "moved here"));
        assertThat(w.caughtUp(0x0FFF)).isFalse();
        assertThat(w.caughtUp(0x1000)).isTrue();
        assertThat(w.remaining().rows()).extracting(r -> r.getLong(0)).containsExactly(1L);
        assertThat(w.dropped()).isEqualTo(3);
        assertThat(w.table()).isEqualTo(new TableId("public", "t"));
    }

    private static ReadChunkRows chunk(RowData... rows) {
        RowType type =
                RowType.of(
                        new org.apache.flink.table.types.logical.LogicalType[] {
                            new BigIntType(), new VarCharType(VarCharType.MAX_LENGTH)
                        },
                        new String[] {"id", "s"});
        CapturedTableSchema schema =
                new CapturedTableSchema("db", new TableId("public", "t"), type, List.of("id"));
        return new ReadChunkRows(
                schema, VisibilitySnapshot.parse("100:110:"), 0x1000, 0, List.of(rows));
    }

    private static RowData row(long id, String s) {
        return GenericRowData.of(id, s == null ? null : StringData.fromString(s));
    }
}
