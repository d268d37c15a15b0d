package io.neoncdc.postgres.table;

import io.neoncdc.postgres.event.ChangeEvent;
import io.neoncdc.postgres.event.UnchangedToast;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.VarBinaryType;
import org.apache.flink.table.types.logical.VarCharType;
import org.apache.flink.types.RowKind;

/**
 * The two hidden columns that carry unchanged-TOAST markers from the source to the fill operator:
 * the captured table ({@code schema.table}) and a bit set of physical columns whose value is
 * unchanged TOAST (NULL when there is none). The marked columns themselves hold NULL.
 */
final class ToastMarkers {
    static final String TABLE_COLUMN = "__neon_cdc_table";
    static final String MASK_COLUMN = "__neon_cdc_unchanged_toast";

    private ToastMarkers() {}

    /** The produced row type plus the two hidden columns. */
    static RowType withMarkerColumns(RowType produced) {
        List<RowType.RowField> fields = new ArrayList<>(produced.getFields());
        fields.add(
                new RowType.RowField(TABLE_COLUMN, new VarCharType(false, VarCharType.MAX_LENGTH)));
        fields.add(new RowType.RowField(MASK_COLUMN, new VarBinaryType(VarBinaryType.MAX_LENGTH)));
        return new RowType(false, fields);
    }

    /** Physical columns, metadata columns, then the table and the marker bits. */
    static RowData rowWithMarkers(
            RowKind kind, GenericRowData physical, MetadataColumn[] metadata, ChangeEvent event) {
        int n = physical.getArity();
        GenericRowData row = new GenericRowData(kind, n + metadata.length + 2);
        byte[] mask = null;
        for (int i = 0; i < n; i++) {
            Object value = physical.getField(i);
            if (value == UnchangedToast.VALUE) {
                if (mask == null) {
                    mask = new byte[(n + 7) / 8];
                }
                mask[i >> 3] |= (byte) (1 << (i & 7));
            } else {
                row.setField(i, value);
            }
        }
        for (int m = 0; m < metadata.length; m++) {
            row.setField(n + m, metadata[m].read(event));
        }
        row.setField(n + metadata.length, StringData.fromString(event.tableId().quoted()));
        row.setField(n + metadata.length + 1, mask);
        return row;
    }

    /** Whether column {@code i} is marked in {@code mask}. */
    static boolean isMarked(byte[] mask, int i) {
        return (i >> 3) < mask.length && (mask[i >> 3] & (1 << (i & 7))) != 0;
    }

    /** The types of the first {@code count} fields. */
    static LogicalType[] types(RowType type, int count) {
        LogicalType[] types = new LogicalType[count];
        for (int i = 0; i < count; i++) {
            types[i] = type.getTypeAt(i);
        }
        return types;
    }
}
