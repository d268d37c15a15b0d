package io.neoncdc.jobs.demo;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Short console text of a Flink external value: arrays, bytes, decimals, instants, long text. */
final class CellText {
    private static final int MAX = 28;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private CellText() {}

    static String of(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof byte[]) {
            return hex((byte[]) value);
        }
        if (value instanceof Object[]) {
            List<String> items = new ArrayList<>();
            for (Object o : (Object[]) value) {
                items.add(of(o));
            }
            return shorten("{" + String.join(",", items) + "}");
        }
        if (value instanceof BigDecimal) {
            return ((BigDecimal) value).toPlainString();
        }
        if (value instanceof Instant) {
            return time(((Instant) value).toEpochMilli());
        }
        return shorten(value.toString());
    }

    /** Local wall-clock time with milliseconds. */
    static String time(long epochMillis) {
        return TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder("\\x");
        for (int i = 0; i < Math.min(4, bytes.length); i++) {
            sb.append(String.format("%02x", bytes[i]));
        }
        return bytes.length > 4 ? sb.append("...").toString() : sb.toString();
    }

    private static String shorten(String s) {
        return s.length() <= MAX ? s : s.substring(0, MAX - 3) + "...";
    }
}
