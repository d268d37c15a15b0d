package io.neoncdc.postgres.convert;

import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;

/**
 * timestamp(p) into TIMESTAMP(p) and timestamptz(p) into TIMESTAMP_LTZ(p) (an instant, whatever the
 * JVM or session time zone); BC included, ±infinity per options, truncated to the precision.
 */
final class TimestampConverter implements ValueConverter {
    private static final long serialVersionUID = 1L;

    private final boolean withZone;
    private final int precision;
    private final ConversionOptions options;

    private TimestampConverter(boolean withZone, int precision, ConversionOptions options) {
        this.withZone = withZone;
        this.precision = precision;
        this.options = options;
    }

    static ValueConverter create(boolean withZone, LogicalType target, ConversionOptions options) {
        LogicalTypeRoot expected =
                withZone
                        ? LogicalTypeRoot.TIMESTAMP_WITH_LOCAL_TIME_ZONE
                        : LogicalTypeRoot.TIMESTAMP_WITHOUT_TIME_ZONE;
        return target.is(expected)
                ? new TimestampConverter(withZone, FlinkTypes.precision(target), options)
                : null;
    }

    @Override
    public Object fromText(byte[] bytes, int offset, int length) {
        return convert(DateTimeText.timestampMicros(bytes, offset, length, withZone));
    }

    @Override
    public Object fromBinary(byte[] bytes, int offset, int length) {
        BigEndian.requireLength(length, 8, withZone ? "timestamptz" : "timestamp");
        return convert(BigEndian.int64(bytes, offset));
    }

    private Object convert(long pgMicros) {
        long micros = pgMicros;
        if (micros == Long.MAX_VALUE || micros == Long.MIN_VALUE) {
            micros = PgDates.infiniteMicros(micros == Long.MAX_VALUE, options);
        }
        return PgDates.timestamp(micros, precision);
    }
}
