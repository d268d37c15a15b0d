package io.neoncdc.postgres.table;

import io.neoncdc.postgres.event.CapturedTableSchema;
import io.neoncdc.postgres.event.UnchangedToast;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.binary.BinaryRowData;
import org.apache.flink.table.data.writer.BinaryRowWriter;
import org.apache.flink.table.runtime.typeutils.InternalSerializers;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.VarBinaryType;

/**
 * The keys of {@link ChangelogMaterializer}'s state: one {@link BinaryRowData} with a single
 * VARBINARY field holding the captured table's name and the binary form of the key columns. A
 * binary row hashes and compares by content, the same before and after serialization, so keys are
 * stable across the network, checkpoints and restores; the table name keeps equal keys of different
 * tables apart, and its length prefix keeps the encoding unambiguous. Used on one thread (the
 * source reader's).
 */
final class StateKeys {
    /** The key type: {@code ROW<VARBINARY NOT NULL>}. */
    static final RowType KEY_TYPE = RowType.of(new VarBinaryType(false, VarBinaryType.MAX_LENGTH));

    private final Map<CapturedTableSchema, TableKey> tables = new IdentityHashMap<>();
    private final DataOutputSerializer out = new DataOutputSerializer(64);

    /**
     * The key of {@code row} (in the table's output layout) built from {@code columns} (always the
     * same ones for a table), or null when a key column has no value in it (a key-only old row that
     * does not carry these columns).
     *
     * @param nullable whether NULL is a value of the key (a keyless table keyed by all columns)
     */
    BinaryRowData key(
            CapturedTableSchema table, List<String> columns, RowData row, boolean nullable) {
        TableKey t = tables.computeIfAbsent(table, s -> new TableKey(s, columns));
        out.clear();
        try {
            out.write(t.prefix);
            for (int i = 0; i < t.fields.length; i++) {
                boolean isNull = row.isNullAt(t.fields[i]);
                if (nullable) {
                    out.writeBoolean(isNull);
                    if (isNull) {
                        continue;
                    }
                } else if (isNull) {
                    return null;
                }
                Object value = t.getters[i].getFieldOrNull(row);
                if (value == UnchangedToast.VALUE) {
                    return null;
                }
                t.serializers[i].serialize(value, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] bytes = out.getCopyOfBuffer();
        BinaryRowData key = new BinaryRowData(1);
        BinaryRowWriter writer = new BinaryRowWriter(key, bytes.length);
        writer.writeBinary(0, bytes);
        writer.complete();
        return key;
    }

    /** The quoted name of the captured table a key belongs to (for messages). */
    static String tableOf(RowData key) {
        byte[] bytes = key.getBinary(0);
        int length =
                ((bytes[0] & 0xff) << 24)
                        | ((bytes[1] & 0xff) << 16)
                        | ((bytes[2] & 0xff) << 8)
                        | (bytes[3] & 0xff);
        return new String(bytes, 4, length, StandardCharsets.UTF_8);
    }

    /** How the key of one captured table is read and written. */
    private static final class TableKey {
        final byte[] prefix;
        final int[] fields;
        final RowData.FieldGetter[] getters;
        final TypeSerializer<Object>[] serializers;

        @SuppressWarnings("unchecked")
        TableKey(CapturedTableSchema table, List<String> columns) {
            byte[] name = table.id().quoted().getBytes(StandardCharsets.UTF_8);
            prefix = new byte[name.length + 4];
            prefix[0] = (byte) (name.length >>> 24);
            prefix[1] = (byte) (name.length >>> 16);
            prefix[2] = (byte) (name.length >>> 8);
            prefix[3] = (byte) name.length;
            System.arraycopy(name, 0, prefix, 4, name.length);
            RowType type = table.rowType();
            fields = new int[columns.size()];
            getters = new RowData.FieldGetter[fields.length];
            serializers = new TypeSerializer[fields.length];
            for (int i = 0; i < fields.length; i++) {
                fields[i] = type.getFieldIndex(columns.get(i));
                if (fields[i] < 0) {
                    throw new IllegalStateException(
                            "Key column '"
                                    + columns.get(i)
                                    + "' of table "
                                    + table.id()
                                    + " is not declared in the SQL table, but the table keeps"
                                    + " each key's last row in Flink state keyed by it. Declare"
                                    + " it, or run ALTER TABLE "
                                    + table.id().quoted()
                                    + " REPLICA IDENTITY FULL so that no state is needed.");
                }
                LogicalType fieldType = type.getTypeAt(fields[i]);
                getters[i] = RowData.createFieldGetter(fieldType, fields[i]);
                serializers[i] = (TypeSerializer<Object>) InternalSerializers.create(fieldType);
            }
        }
    }
}
