package io.neoncdc.postgres.convert;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.table.data.GenericMapData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.MapType;

/**
 * hstore into MAP<STRING, STRING> (NULL values kept): text {@code "a"=>"b", "c"=>NULL}; binary
 * int32 count, then per pair int32 key length, key, int32 value length (-1 NULL), value.
 */
final class HstoreConverter implements ValueConverter {
    private static final long serialVersionUID = 1L;

    private HstoreConverter() {}

    static ValueConverter create(LogicalType target) {
        if (target instanceof MapType
                && FlinkTypes.isString(((MapType) target).getKeyType())
                && FlinkTypes.isString(((MapType) target).getValueType())) {
            return new HstoreConverter();
        }
        return null;
    }

    @Override
    public Object fromText(byte[] bytes, int offset, int length) {
        Map<StringData, StringData> map = new HashMap<>();
        TextToken t = new TextToken(bytes, offset, length);
        t.skipWhitespace();
        while (!t.atEnd()) {
            t.read("=, \t\n\r", true, false);
            if (t.length == 0 && !t.quoted) {
                throw t.error("empty hstore key");
            }
            StringData key = TextFormConverter.copy(t.array, t.offset, t.length);
            t.skipWhitespace();
            t.expect('=');
            t.expect('>');
            t.skipWhitespace();
            t.read(", \t\n\r", true, false);
            map.put(
                    key,
                    t.isNullWord() ? null : TextFormConverter.copy(t.array, t.offset, t.length));
            t.skipWhitespace();
            if (!t.atEnd()) {
                t.expect(',');
                t.skipWhitespace();
            }
        }
        return new GenericMapData(map);
    }

    @Override
    public Object fromBinary(byte[] bytes, int offset, int length) {
        int end = offset + length;
        BigEndian.requireAvailable(offset, 4, end, "hstore");
        int count = BigEndian.int32(bytes, offset);
        if (count < 0 || count > length / 8) {
            throw new ValueConversionException("binary hstore with bad pair count " + count);
        }
        Map<StringData, StringData> map = new HashMap<>(count * 2);
        int p = offset + 4;
        for (int i = 0; i < count; i++) {
            BigEndian.requireAvailable(p, 4, end, "hstore");
            int keyLength = BigEndian.int32(bytes, p);
            BigEndian.requireAvailable(p + 4, keyLength, end, "hstore");
            StringData key = TextFormConverter.copy(bytes, p + 4, keyLength);
            p += 4 + keyLength;
            BigEndian.requireAvailable(p, 4, end, "hstore");
            int valueLength = BigEndian.int32(bytes, p);
            p += 4;
            StringData value = null;
            if (valueLength >= 0) {
                BigEndian.requireAvailable(p, valueLength, end, "hstore");
                value = TextFormConverter.copy(bytes, p, valueLength);
                p += valueLength;
            }
            map.put(key, value);
        }
        return new GenericMapData(map);
    }
}
