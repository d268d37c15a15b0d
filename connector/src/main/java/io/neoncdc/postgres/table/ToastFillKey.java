package io.neoncdc.postgres.table;

import java.util.Arrays;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.LogicalType;

/**
 * Keys marked rows by captured table and primary key, as a String: stable hash and equality across
 * serialization and restore (unlike {@code GenericRowData} vs {@code BinaryRowData}), and
 * length-prefixed so distinct keys never collide.
 */
final class ToastFillKey implements KeySelector<RowData, String> {
    private static final long serialVersionUID = 1L;

    private final int tableField;
    private final int[] keyFields;
    private final LogicalType[] keyTypes;
    private transient RowData.FieldGetter[] getters;

    ToastFillKey(int tableField, int[] keyFields, LogicalType[] keyTypes) {
        this.tableField = tableField;
        this.keyFields = keyFields;
        this.keyTypes = keyTypes;
    }

    @Override
    public String getKey(RowData row) {
        if (getters == null) {
            getters = new RowData.FieldGetter[keyFields.length];
            for (int i = 0; i < keyFields.length; i++) {
                getters[i] = RowData.createFieldGetter(keyTypes[i], keyFields[i]);
            }
        }
        StringBuilder key = new StringBuilder();
        append(key, row.getString(tableField).toString());
        for (RowData.FieldGetter getter : getters) {
            Object value = getter.getFieldOrNull(row);
            if (value == null) {
                key.append('N');
            } else {
                append(
                        key,
                        value instanceof byte[]
                                ? Arrays.toString((byte[]) value)
                                : value.toString());
            }
        }
        return key.toString();
    }

    private static void append(StringBuilder key, String value) {
        key.append(value.length()).append(':').append(value);
    }
}
