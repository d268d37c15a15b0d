package io.neoncdc.postgres.types;

import java.util.ArrayList;
import java.util.List;

/** Splits a {@code quote_nullable(a) || '|' || quote_nullable(b)…} line into the values. */
final class TextValues {
    private TextValues() {}

    /** The values, {@code null} for NULL, unquoted (PostgreSQL doubles quotes and backslashes). */
    static List<String> split(String line) {
        List<String> values = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            if (line.startsWith("NULL", i)) {
                values.add("null");
                i += 4;
            } else {
                boolean escaped = line.charAt(i) == 'E';
                i += escaped ? 2 : 1;
                StringBuilder sb = new StringBuilder();
                while (true) {
                    char c = line.charAt(i);
                    if (c == '\'' && i + 1 < line.length() && line.charAt(i + 1) == '\'') {
                        sb.append('\'');
                        i += 2;
                    } else if (c == '\'') {
                        i++;
                        break;
                    } else if (escaped && c == '\\') {
                        sb.append(line.charAt(i + 1));
                        i += 2;
                    } else {
                        sb.append(c);
                        i++;
                    }
                }
                values.add(sb.toString());
            }
            i++; // the '|' separator
        }
        return values;
    }
}
