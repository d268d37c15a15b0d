package io.neoncdc.postgres.table;

import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

/**
 * Fills unchanged TOASTed values (NULL in the row, their bit set in the flags of {@link
 * KeyedChanges}) from the row {@link ChangelogMaterializer} holds for the key.
 */
final class ToastFill {
    private ToastFill() {}

    /** Whether physical column {@code i} is marked in {@code flags} (after the flag byte). */
    static boolean isMarked(byte[] flags, int i) {
        int b = 1 + (i >> 3);
        return b < flags.length && (flags[b] & (1 << (i & 7))) != 0;
    }

    /** A copy of {@code row} with every marked column taken from {@code held}. */
    static RowData fill(
            RowData row,
            RowData held,
            byte[] flags,
            RowData.FieldGetter[] getters,
            int physicalArity,
            RowType producedType,
            String table) {
        if (held == null) {
            throw new IllegalStateException(
                    "Column '"
                            + firstMarked(flags, physicalArity, producedType)
                            + "' of table "
                            + table
                            + ": an update left its TOASTed value unchanged, so the WAL does not"
                            + " carry it, and this job has not emitted the row under this key (it"
                            + " started without a snapshot, e.g. 'scan.startup.mode' ="
                            + " 'latest-offset' or 'committed-offset'). Start with a snapshot, or"
                            + " run ALTER TABLE "
                            + table
                            + " REPLICA IDENTITY FULL so updates carry the old value.");
        }
        GenericRowData filled = new GenericRowData(row.getRowKind(), getters.length);
        for (int i = 0; i < getters.length; i++) {
            RowData from = i < physicalArity && isMarked(flags, i) ? held : row;
            filled.setField(i, getters[i].getFieldOrNull(from));
        }
        return filled;
    }

    /** An update changed the key and left a TOASTed value unchanged: it is the old key's value. */
    static IllegalStateException keyChanged(String table) {
        return new IllegalStateException(
                "Table "
                        + table
                        + ": an update changed the key of a row and left a TOASTed value"
                        + " unchanged, so the WAL does not carry the value, and it belongs to the"
                        + " old key's row, which Flink keeps under another key. Run ALTER TABLE "
                        + table
                        + " REPLICA IDENTITY FULL so that updates carry the old row, then restart"
                        + " the job without state.");
    }

    private static String firstMarked(byte[] flags, int physicalArity, RowType type) {
        for (int i = 0; i < physicalArity; i++) {
            if (isMarked(flags, i)) {
                return type.getFieldNames().get(i);
            }
        }
        return "?";
    }
}
