package io.neoncdc.postgres.reader.stream;

import io.neoncdc.postgres.config.ValueHandling;
import io.neoncdc.postgres.convert.ValueConverter;
import io.neoncdc.postgres.event.UnchangedToast;
import io.neoncdc.postgres.pgoutput.Lsn;
import io.neoncdc.postgres.pgoutput.TupleData;
import io.neoncdc.postgres.pgoutput.UpdateMessage;
import io.neoncdc.postgres.schema.CapturedTable;
import java.util.List;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.LogicalTypeFamily;

/**
 * Converts pgoutput tuples of one relation layout into rows of the table's output layout: columns
 * matched by name, unknown columns ignored, missing ones NULL.
 */
final class TupleConverter {
    private final CapturedTable table;
    private final String[] names;
    private final int[] outputIndex;
    private final ValueConverter[] converters;
    private final int arity;
    private final ValueHandling values;
    private final boolean[] key;
    private final String problem;

    /**
     * @param problem why rows of this layout cannot be emitted (a NOT NULL declared column it
     *     lacks, a type the declared one cannot hold), or null
     */
    TupleConverter(
            CapturedTable table,
            String[] names,
            boolean[] key,
            int[] outputIndex,
            ValueConverter[] converters,
            ValueHandling values,
            String problem) {
        this.problem = problem;
        this.values = values;
        this.key = key;
        this.table = table;
        this.names = names;
        this.outputIndex = outputIndex;
        this.converters = converters;
        this.arity = table.columnNames().size();
    }

    /** Whether every output column's converter reads the binary form (pgoutput binary mode). */
    boolean allBinary() {
        for (ValueConverter c : converters) {
            if (c != null && !c.hasBinary()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Fails if this layout cannot be emitted; called only for changes the filter emits, so a layout
     * whose changes every chunk already holds never stops the job (review §6).
     */
    void checkEmittable(long lsn) {
        if (problem != null) {
            throw new IllegalStateException(
                    "A change of "
                            + table.info().id()
                            + " at LSN "
                            + Lsn.format(lsn)
                            + " cannot be emitted: "
                            + problem);
        }
    }

    /** For each relation column, its output column or -1. */
    int[] outputIndex() {
        return outputIndex;
    }

    /** The relation's column names, in tuple order. */
    String[] names() {
        return names;
    }

    CapturedTable table() {
        return table;
    }

    /**
     * Whether an old tuple is the whole old row. {@code 'O'} (REPLICA IDENTITY FULL) is; so is a
     * {@code 'K'} tuple that carries a value outside the key: pgoutput flags a change published
     * through its partition root by the root's identity, while a FULL leaf logged the whole row. A
     * real key-only tuple has NULL in every other column, so this never takes one for whole (a
     * whole row whose other columns are all NULL is taken for key-only: loud, never wrong).
     */
    boolean wholeOld(char oldKind, TupleData old) {
        if (oldKind == UpdateMessage.OLD_TUPLE) {
            return true;
        }
        if (old == null || old.size() != key.length) {
            return false;
        }
        for (int i = 0; i < key.length; i++) {
            if (!key[i] && outputIndex[i] >= 0 && !old.isNull(i)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Converts a tuple. An unchanged TOASTed value ('u') is taken from {@code old} (the whole old
     * row of REPLICA IDENTITY FULL, never a key-only old tuple), else handled as {@code
     * toast.unchanged-value} says: it is never silently NULL.
     */
    GenericRowData convert(TupleData tuple, RowData old, long lsn) {
        if (tuple.size() != outputIndex.length) {
            throw new IllegalStateException(
                    "Tuple of "
                            + table.info().id()
                            + " at LSN "
                            + Lsn.format(lsn)
                            + " has "
                            + tuple.size()
                            + " columns but its relation message announced "
                            + outputIndex.length);
        }
        GenericRowData row = new GenericRowData(arity);
        byte[] array = tuple.array();
        for (int i = 0; i < outputIndex.length; i++) {
            int j = outputIndex[i];
            if (j < 0) {
                continue;
            }
            switch (tuple.kind(i)) {
                case 'n':
                    break;
                case 't':
                    row.setField(
                            j, converters[i].fromText(array, tuple.offset(i), tuple.length(i)));
                    break;
                case 'b':
                    row.setField(
                            j, converters[i].fromBinary(array, tuple.offset(i), tuple.length(i)));
                    break;
                case 'u':
                    row.setField(j, unchangedToast(old, j, names[i], lsn));
                    break;
                default:
                    throw new IllegalStateException("Unknown column kind " + tuple.kind(i));
            }
        }
        return row;
    }

    /** The text form of the given columns of a tuple (key columns, for the snapshot filter). */
    String[] text(TupleData tuple, List<String> columns) {
        String[] values = new String[columns.size()];
        for (int c = 0; c < values.length; c++) {
            int i = relationIndex(columns.get(c));
            char kind = tuple.kind(i);
            if (kind != 't') {
                throw new IllegalStateException(
                        "Key column "
                                + columns.get(c)
                                + " of "
                                + table.info().id()
                                + " arrived as kind '"
                                + kind
                                + "', not as text");
            }
            values[c] = tuple.text(i);
        }
        return values;
    }

    private int relationIndex(String column) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(column)) {
                return i;
            }
        }
        throw new IllegalStateException(
                "Key column " + column + " is not in the relation of " + table.info().id());
    }

    private Object unchangedToast(RowData old, int j, String column, long lsn) {
        if (old instanceof GenericRowData) {
            return ((GenericRowData) old).getField(j);
        }
        switch (values.toastMode()) {
            case NULL:
                return null;
            case FILL:
                return UnchangedToast.VALUE;
            case PLACEHOLDER:
                if (table.schema().rowType().getTypeAt(j).is(LogicalTypeFamily.CHARACTER_STRING)) {
                    return StringData.fromString(values.toastPlaceholder());
                }
                throw failure(
                        column,
                        lsn,
                        "'toast.unchanged-value' = 'placeholder' needs a STRING column, it is "
                                + table.schema().rowType().getTypeAt(j).asSummaryString());
            default:
                throw failure(column, lsn, "'toast.unchanged-value' = 'fail'");
        }
    }

    private IllegalStateException failure(String column, long lsn, String why) {
        return new IllegalStateException(
                "Column '"
                        + column
                        + "' of table "
                        + table.info().id()
                        + " at LSN "
                        + Lsn.format(lsn)
                        + " is an unchanged TOASTed value that the WAL does not carry, and the"
                        + " old row is not available ("
                        + why
                        + "). Run ALTER TABLE "
                        + table.info().id().quoted()
                        + " REPLICA IDENTITY FULL so updates carry the old value, or choose"
                        + " another 'toast.unchanged-value' (null, placeholder, or fill for"
                        + " upsert tables).");
    }
}
