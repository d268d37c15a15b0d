package io.neoncdc.postgres.types;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.types.Row;

/** Prints the external values of a collected Flink row the way {@link TypeColumn} expects them. */
final class Rendered {
    private Rendered() {}

    static String of(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof byte[]) {
            StringBuilder sb = new StringBuilder("0x");
            for (byte b : (byte[]) value) {
                sb.append(String.format("%02x", b));
            }
            return sb.toString();
        }
        if (value instanceof Object[]) {
            List<String> parts = new ArrayList<>();
            for (Object o : (Object[]) value) {
                parts.add(of(o));
            }
            return "[" + String.join(", ", parts) + "]";
        }
        if (value instanceof Map) {
            Map<String, String> sorted = new TreeMap<>();
            ((Map<?, ?>) value).forEach((k, v) -> sorted.put(of(k), of(v)));
            return sorted.toString();
        }
        if (value instanceof Row) {
            Row row = (Row) value;
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < row.getArity(); i++) {
                parts.add(of(row.getField(i)));
            }
            return "(" + String.join(", ", parts) + ")";
        }
        if (value instanceof BigDecimal) {
            return ((BigDecimal) value).toPlainString();
        }
        return value.toString();
    }
}
