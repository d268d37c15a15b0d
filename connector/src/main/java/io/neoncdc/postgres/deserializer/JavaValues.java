package io.neoncdc.postgres.deserializer;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.RowType;

/**
 * Flink's internal row values as plain Java values: Boolean, Short, Integer, Long, Float, Double,
 * BigDecimal, String, byte[], LocalDate, LocalTime, LocalDateTime (TIMESTAMP), Instant
 * (TIMESTAMP_LTZ), List (ARRAY), Map (MAP, and ROW by field name).
 */
final class JavaValues {
    private JavaValues() {}

    /** The columns of a row by name, in column order; null for a null row. */
    static Map<String, Object> row(RowData row, RowType type) {
        if (row == null) {
            return null;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        List<RowType.RowField> fields = type.getFields();
        for (int i = 0; i < fields.size(); i++) {
            LogicalType t = fields.get(i).getType();
            values.put(fields.get(i).getName(), value(RowData.createFieldGetter(t, i), row, t));
        }
        return Collections.unmodifiableMap(values);
    }

    private static Object value(RowData.FieldGetter getter, RowData row, LogicalType type) {
        return of(getter.getFieldOrNull(row), type);
    }

    static Object of(Object internal, LogicalType type) {
        if (internal == null) {
            return null;
        }
        switch (type.getTypeRoot()) {
            case CHAR:
            case VARCHAR:
                return ((StringData) internal).toString();
            case DECIMAL:
                return ((DecimalData) internal).toBigDecimal();
            case DATE:
                return LocalDate.ofEpochDay((Integer) internal);
            case TIME_WITHOUT_TIME_ZONE:
                return LocalTime.ofNanoOfDay((Integer) internal * 1_000_000L);
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                return ((TimestampData) internal).toLocalDateTime();
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                return ((TimestampData) internal).toInstant();
            case ARRAY:
                return list((ArrayData) internal, ((ArrayType) type).getElementType());
            case MAP:
                return map((MapData) internal, (MapType) type);
            case ROW:
                return row((RowData) internal, (RowType) type);
            default:
                // Booleans, integers, floating point and byte[] are already plain Java values.
                return internal;
        }
    }

    private static List<Object> list(ArrayData array, LogicalType elementType) {
        ArrayData.ElementGetter getter = ArrayData.createElementGetter(elementType);
        List<Object> values = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            values.add(of(getter.getElementOrNull(array, i), elementType));
        }
        return Collections.unmodifiableList(values);
    }

    private static Map<Object, Object> map(MapData map, MapType type) {
        ArrayData keys = map.keyArray();
        ArrayData values = map.valueArray();
        ArrayData.ElementGetter k = ArrayData.createElementGetter(type.getKeyType());
        ArrayData.ElementGetter v = ArrayData.createElementGetter(type.getValueType());
        Map<Object, Object> result = new LinkedHashMap<>();
        for (int i = 0; i < map.size(); i++) {
            result.put(
                    of(k.getElementOrNull(keys, i), type.getKeyType()),
                    of(v.getElementOrNull(values, i), type.getValueType()));
        }
        return Collections.unmodifiableMap(result);
    }
}
