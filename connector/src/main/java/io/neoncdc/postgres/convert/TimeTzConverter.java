package io.neoncdc.postgres.convert;

import java.nio.charset.StandardCharsets;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.LogicalType;

/**
 * timetz into STRING as PostgreSQL prints it ({@code 12:34:56.5+05:30}); Flink has no time type
 * with an offset. The binary form (µs of the day, zone in seconds west of UTC) is formatted alike.
 */
final class TimeTzConverter implements ValueConverter {
    private static final long serialVersionUID = 1L;

    private TimeTzConverter() {}

    static ValueConverter create(LogicalType target) {
        return FlinkTypes.isString(target) ? new TimeTzConverter() : null;
    }

    @Override
    public Object fromText(byte[] bytes, int offset, int length) {
        return TextFormConverter.copy(bytes, offset, length);
    }

    @Override
    public Object fromBinary(byte[] bytes, int offset, int length) {
        BigEndian.requireLength(length, 12, "timetz");
        long micros = BigEndian.int64(bytes, offset);
        int zoneWest = BigEndian.int32(bytes, offset + 8);
        StringBuilder sb = new StringBuilder(24);
        long seconds = micros / 1_000_000;
        two(sb, seconds / 3600).append(':');
        two(sb, seconds / 60 % 60).append(':');
        two(sb, seconds % 60);
        IntervalText.appendFraction(sb, micros % 1_000_000);
        appendOffset(sb, zoneWest);
        return StringData.fromBytes(sb.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** PostgreSQL's EncodeTimezone: {@code +HH}, {@code +HH:MM} or {@code +HH:MM:SS}. */
    static void appendOffset(StringBuilder sb, int zoneWest) {
        int abs = Math.abs(zoneWest);
        sb.append(zoneWest <= 0 ? '+' : '-');
        two(sb, abs / 3600);
        if (abs % 60 != 0) {
            two(sb.append(':'), abs / 60 % 60);
            two(sb.append(':'), abs % 60);
        } else if (abs / 60 % 60 != 0) {
            two(sb.append(':'), abs / 60 % 60);
        }
    }

    private static StringBuilder two(StringBuilder sb, long v) {
        if (v < 10) {
            sb.append('0');
        }
        return sb.append(v);
    }
}
