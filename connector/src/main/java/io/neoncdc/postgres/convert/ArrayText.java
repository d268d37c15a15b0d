package io.neoncdc.postgres.convert;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.data.GenericArrayData;

/**
 * Parses {@code array_out}'s text form: {@code {1,2,NULL}}, {@code {"a b","c\"d"}}, nested braces
 * for more dimensions, {@code {}} for empty, and an optional {@code [0:1]=} bounds prefix.
 */
final class ArrayText {
    private ArrayText() {}

    static GenericArrayData parse(
            byte[] bytes,
            int offset,
            int length,
            int depth,
            char delimiter,
            ValueConverter element) {
        TextToken t = new TextToken(bytes, offset, length);
        t.skipWhitespace();
        if (t.peek() == '[') {
            while (!t.atEnd() && t.peek() != '=') {
                t.skip();
            }
            t.expect('=');
            t.skipWhitespace();
        }
        String stops = new String(new char[] {delimiter, '}'});
        GenericArrayData result = level(t, 1, depth, stops, element);
        t.skipWhitespace();
        if (!t.atEnd()) {
            throw t.error("text after the array");
        }
        return result;
    }

    private static GenericArrayData level(
            TextToken t, int level, int depth, String stops, ValueConverter element) {
        t.expect('{');
        List<Object> values = new ArrayList<>();
        t.skipWhitespace();
        if (t.peek() == '}') {
            t.skip();
            return new GenericArrayData(values.toArray());
        }
        while (true) {
            t.skipWhitespace();
            if (t.peek() == '{') {
                if (level == depth) {
                    throw dimensions(t, depth);
                }
                values.add(level(t, level + 1, depth, stops, element));
            } else {
                if (level != depth) {
                    throw dimensions(t, depth);
                }
                t.read(stops, true, false);
                values.add(t.isNullWord() ? null : element.fromText(t.array, t.offset, t.length));
            }
            t.skipWhitespace();
            int c = t.peek();
            t.skip();
            if (c == '}') {
                return new GenericArrayData(values.toArray());
            }
            if (c != stops.charAt(0)) {
                throw t.error("expected '" + stops.charAt(0) + "' or '}'");
            }
        }
    }

    private static ValueConversionException dimensions(TextToken t, int depth) {
        return t.error(
                "the array's dimensions do not match the declared type with "
                        + depth
                        + " nested ARRAY(s)");
    }
}
