package io.neoncdc.postgres.table;

import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.event.CapturedTableSchema;
import io.neoncdc.postgres.event.ChangeEvent;
import io.neoncdc.postgres.event.ChangeEventDeserializer;
import io.neoncdc.postgres.event.UnchangedToast;
import io.neoncdc.postgres.pgoutput.Lsn;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.binary.BinaryRowData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.Collector;

/**
 * The source side of {@link ChangelogMaterializer}: turns change events into per-key changes {@code
 * (state key, flags, row)}. A table with state gets +I (read, insert), +U (update keeping the key)
 * and -D (delete; and the old half of an update that changes the key, whose new half is a +I under
 * the new key), each row in the table's output layout with unchanged TOASTed values as NULL plus
 * marker bits. A table without state (whole old rows in the WAL, or insert-only) gets its retract
 * rows as they are, keyed so that every change of a row travels the same channel.
 */
final class KeyedChanges implements ChangeEventDeserializer<Tuple3<RowData, byte[], RowData>> {
    private static final long serialVersionUID = 1L;

    /** Flags: the row passes through without state. */
    static final byte PASS = 1;

    /** Flags: marker bits of unchanged TOASTed columns follow (physical column i = bit i). */
    static final byte MARKED = 2;

    private static final byte[] NO_FLAGS = new byte[0];

    private final MetadataColumn[] metadata;
    private final RowType producedType;
    private final Set<TableId> withoutState;
    private final EmittedRows emitted;

    /** Positions of the produced physical columns in every table's rows, or null: the same. */
    private int[] positions;

    private transient StateKeys keys;
    private transient Map<TableId, int[]> projections;

    /**
     * @param producedType physical columns then metadata columns
     * @param withoutState captured tables that keep no state (their WAL carries whole old rows, or
     *     they are insert-only); keyless tables never keep state
     */
    KeyedChanges(List<MetadataColumn> metadata, RowType producedType, Set<TableId> withoutState) {
        this.metadata = metadata.toArray(new MetadataColumn[0]);
        this.producedType = producedType;
        this.withoutState = new HashSet<>(withoutState);
        this.emitted = new EmittedRows(this.metadata, producedType);
    }

    /**
     * The source reads {@code readArity} columns of which the first {@code physicalArity} are
     * produced (the others are key columns a projected scan does not select).
     */
    KeyedChanges readingFirst(int physicalArity, int readArity) {
        positions = null;
        if (physicalArity < readArity) {
            positions = new int[physicalArity];
            for (int i = 0; i < physicalArity; i++) {
                positions[i] = i;
            }
        }
        return this;
    }

    /**
     * A shared source's scan reads some of {@code table}'s columns: the produced physical column i
     * is at {@code positions[i]} of the event's rows (keys are still taken from the whole row).
     * Called when the source's reader opens, before any event.
     */
    void project(TableId table, int[] positions) {
        if (projections == null) {
            projections = new HashMap<>();
        }
        projections.put(table, positions);
    }

    static TypeInformation<Tuple3<RowData, byte[], RowData>> type(RowType producedType) {
        return new KeyedChangeType(producedType);
    }

    @Override
    public TypeInformation<Tuple3<RowData, byte[], RowData>> getProducedType() {
        return type(producedType);
    }

    @Override
    public void deserialize(ChangeEvent event, Collector<Tuple3<RowData, byte[], RowData>> out) {
        if (keys == null) {
            keys = new StateKeys();
        }
        CapturedTableSchema table = event.table();
        List<String> identity = table.identityKeyColumns();
        if (identity.isEmpty() || withoutState.contains(table.id())) {
            passThrough(
                    event, identity.isEmpty() ? table.rowType().getFieldNames() : identity, out);
            return;
        }
        switch (event.op()) {
            case READ:
            case INSERT:
                out.collect(
                        change(RowKind.INSERT, event.after(), key(event, event.after()), event));
                break;
            case UPDATE:
                BinaryRowData newKey = key(event, event.after());
                BinaryRowData oldKey = event.before() == null ? newKey : key(event, event.before());
                if (oldKey.equals(newKey)) {
                    out.collect(change(RowKind.UPDATE_AFTER, event.after(), newKey, event));
                } else {
                    // Two keys, two states (possibly on two subtasks): the row leaves the old key
                    // and enters the new one, which is what -D and +I say in a retract stream.
                    out.collect(change(RowKind.DELETE, event.before(), oldKey, event));
                    out.collect(change(RowKind.INSERT, event.after(), newKey, event));
                }
                break;
            case DELETE:
                out.collect(
                        change(RowKind.DELETE, event.before(), key(event, event.before()), event));
                break;
            default:
                throw new IllegalStateException("Unknown op " + event.op());
        }
    }

    /**
     * No state: the output is the retract stream of the event itself, so it needs the whole old
     * row; each row is keyed by its key (or, keyless, by all its columns), so that the changes of
     * one row stay in order.
     */
    private void passThrough(
            ChangeEvent event,
            List<String> keyColumns,
            Collector<Tuple3<RowData, byte[], RowData>> out) {
        CapturedTableSchema table = event.table();
        byte[] flags = {PASS};
        switch (event.op()) {
            case READ:
            case INSERT:
                out.collect(
                        Tuple3.of(
                                passKey(event, keyColumns, event.after()),
                                flags,
                                row(RowKind.INSERT, event.after(), event, null)));
                return;
            default:
                if (OldRowMissing.lacksOldRow(event)) {
                    throw OldRowMissing.failure(
                            event,
                            table.identityKeyColumns().isEmpty()
                                    ? "the table has no key under which Flink state could keep"
                                            + " its rows"
                                    : "this job's plan keeps no rows of this table in Flink"
                                            + " state (its REPLICA IDENTITY was FULL when the SQL"
                                            + " job was planned)");
                }
                RowKind before = event.after() == null ? RowKind.DELETE : RowKind.UPDATE_BEFORE;
                out.collect(
                        Tuple3.of(
                                passKey(event, keyColumns, event.before()),
                                flags,
                                row(before, event.before(), event, null)));
                if (event.after() != null) {
                    out.collect(
                            Tuple3.of(
                                    passKey(event, keyColumns, event.after()),
                                    flags,
                                    row(RowKind.UPDATE_AFTER, event.after(), event, null)));
                }
        }
    }

    private BinaryRowData passKey(ChangeEvent event, List<String> columns, RowData row) {
        BinaryRowData key = keys.key(event.table(), columns, row, true);
        if (key == null) {
            throw new IllegalStateException(
                    "Table "
                            + event.tableId()
                            + " at LSN "
                            + Lsn.format(event.lsn())
                            + ": a row holds an unchanged TOASTed value that the WAL does not"
                            + " carry, and this job keeps no rows of this table in Flink state.");
        }
        return key;
    }

    private BinaryRowData key(ChangeEvent event, RowData row) {
        BinaryRowData key = keys.key(event.table(), event.table().identityKeyColumns(), row, false);
        if (key == null) {
            throw new IllegalStateException(
                    "Table "
                            + event.tableId()
                            + " at LSN "
                            + Lsn.format(event.lsn())
                            + ": a change arrived without a value in its key columns "
                            + event.table().identityKeyColumns()
                            + ", under which this job keeps each key's last row in Flink state"
                            + " (the table's REPLICA IDENTITY or primary key changed while the job"
                            + " ran, or a key value is an unchanged TOASTed value). Restart the"
                            + " job without state, or run ALTER TABLE "
                            + event.tableId().quoted()
                            + " REPLICA IDENTITY FULL and restart without state.");
        }
        return key;
    }

    private Tuple3<RowData, byte[], RowData> change(
            RowKind kind, RowData physical, BinaryRowData key, ChangeEvent event) {
        int[] positions = positions(event);
        if (!holdsUnchangedToast(physical, positions)) {
            return Tuple3.of(key, NO_FLAGS, emitted.row(kind, physical, event, positions));
        }
        byte[][] mask = new byte[1][];
        GenericRowData row = marked(kind, physical, event, mask, positions);
        return Tuple3.of(key, mask[0] == null ? NO_FLAGS : mask[0], row);
    }

    private int[] positions(ChangeEvent event) {
        return projections == null ? positions : projections.get(event.tableId());
    }

    /**
     * Whether a produced column holds an unchanged TOASTed value: never in a snapshot row (a binary
     * row built from the COPY buffer), maybe in a stream row (generic).
     */
    private static boolean holdsUnchangedToast(RowData physical, int[] positions) {
        if (!(physical instanceof GenericRowData)) {
            return false;
        }
        GenericRowData row = (GenericRowData) physical;
        int n = positions == null ? row.getArity() : positions.length;
        for (int i = 0; i < n; i++) {
            if (row.getField(positions == null ? i : positions[i]) == UnchangedToast.VALUE) {
                return true;
            }
        }
        return false;
    }

    /** A pass-through row: emitted as it is, or failing on an unchanged TOASTed value. */
    private RowData row(RowKind kind, RowData physical, ChangeEvent event, byte[][] mask) {
        int[] positions = positions(event);
        if (!holdsUnchangedToast(physical, positions)) {
            return emitted.row(kind, physical, event, positions);
        }
        return marked(kind, physical, event, mask, positions);
    }

    /**
     * The row in the produced layout; unchanged TOASTed values become NULL with their bit set in
     * {@code mask[0]} (allocated on the first one), or fail where no state can fill them.
     */
    private GenericRowData marked(
            RowKind kind, RowData physical, ChangeEvent event, byte[][] mask, int[] positions) {
        GenericRowData source = EmittedRows.generic(physical, event.table().rowType());
        int n = positions == null ? source.getArity() : positions.length;
        GenericRowData row = new GenericRowData(kind, n + metadata.length);
        for (int i = 0; i < n; i++) {
            Object value = source.getField(positions == null ? i : positions[i]);
            if (value == UnchangedToast.VALUE) {
                if (mask == null) {
                    throw new IllegalStateException(
                            "Table "
                                    + event.tableId()
                                    + " at LSN "
                                    + Lsn.format(event.lsn())
                                    + ": column '"
                                    + producedType.getFieldNames().get(i)
                                    + "' is an unchanged TOASTed value that the WAL does not"
                                    + " carry, and this job keeps no rows of this table in Flink"
                                    + " state. Restart the job without state, or run ALTER TABLE "
                                    + event.tableId().quoted()
                                    + " REPLICA IDENTITY FULL.");
                }
                if (mask[0] == null) {
                    mask[0] = new byte[1 + (n + 7) / 8];
                    mask[0][0] = MARKED;
                }
                mask[0][1 + (i >> 3)] |= (byte) (1 << (i & 7));
            } else {
                row.setField(i, value);
            }
        }
        GenericRowData meta = emitted.meta(event);
        for (int m = 0; m < metadata.length; m++) {
            row.setField(n + m, meta.getField(m));
        }
        return row;
    }
}
