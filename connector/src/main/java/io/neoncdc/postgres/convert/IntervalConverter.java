package io.neoncdc.postgres.convert;

import java.nio.charset.StandardCharsets;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;

/**
 * interval into BIGINT microseconds (a month counts as 30 days, a day as 24 hours) or into STRING
 * in PostgreSQL's ISO-8601 form ({@code P1Y2M3DT4H5M6.5S}, {@code IntervalStyle=iso_8601}).
 */
final class IntervalConverter implements ValueConverter {
    private static final long serialVersionUID = 1L;
    static final long MICROS_PER_MONTH = 30 * PgDates.MICROS_PER_DAY;

    private final boolean toString;
    private final ConversionOptions options;

    private IntervalConverter(boolean toString, ConversionOptions options) {
        this.toString = toString;
        this.options = options;
    }

    static ValueConverter create(LogicalType target, ConversionOptions options) {
        if (target.is(LogicalTypeRoot.BIGINT)) {
            return new IntervalConverter(false, options);
        }
        return FlinkTypes.isString(target) ? new IntervalConverter(true, options) : null;
    }

    @Override
    public Object fromText(byte[] bytes, int offset, int length) {
        if (toString) {
            return TextFormConverter.copy(bytes, offset, length);
        }
        if (TextCursor.is(bytes, offset, length, "infinity")) {
            return infinite(true);
        }
        if (TextCursor.is(bytes, offset, length, "-infinity")) {
            return infinite(false);
        }
        long[] parts = IntervalText.parse(bytes, offset, length);
        return micros(parts[0], parts[1], parts[2]);
    }

    @Override
    public Object fromBinary(byte[] bytes, int offset, int length) {
        BigEndian.requireLength(length, 16, "interval");
        long time = BigEndian.int64(bytes, offset);
        int days = BigEndian.int32(bytes, offset + 8);
        int months = BigEndian.int32(bytes, offset + 12);
        boolean infinite =
                (time == Long.MAX_VALUE && days == Integer.MAX_VALUE && months == Integer.MAX_VALUE)
                        || (time == Long.MIN_VALUE
                                && days == Integer.MIN_VALUE
                                && months == Integer.MIN_VALUE);
        if (toString) {
            String text =
                    infinite
                            ? (time > 0 ? "infinity" : "-infinity")
                            : IntervalText.iso(months, days, time);
            return StringData.fromBytes(text.getBytes(StandardCharsets.US_ASCII));
        }
        return infinite ? infinite(time > 0) : micros(months, days, time);
    }

    private Long infinite(boolean positive) {
        if (options.infinityHandling() == ConversionOptions.InfinityHandling.FAIL) {
            throw PgDates.infinity(positive);
        }
        return positive ? Long.MAX_VALUE : Long.MIN_VALUE;
    }

    private static Long micros(long months, long days, long time) {
        try {
            return Math.addExact(
                    Math.addExact(
                            Math.multiplyExact(months, MICROS_PER_MONTH),
                            Math.multiplyExact(days, PgDates.MICROS_PER_DAY)),
                    time);
        } catch (ArithmeticException e) {
            throw new ValueConversionException(
                    "interval of "
                            + months
                            + " months, "
                            + days
                            + " days and "
                            + time
                            + " µs does not fit BIGINT microseconds; declare the column STRING");
        }
    }
}
