package io.neoncdc.postgres.convert;

import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;

/**
 * time(p) into TIME(p): Flink holds milliseconds of the day, so digits beyond milliseconds (and
 * beyond the declared precision) are truncated, and 24:00:00 becomes 23:59:59.999.
 */
final class TimeConverter implements ValueConverter {
    private static final long serialVersionUID = 1L;
    private static final int LAST_MILLI_OF_DAY = 86_399_999;
    private static final int[] TRUNCATE_MILLIS = {1000, 100, 10, 1};

    private final int precision;

    private TimeConverter(int precision) {
        this.precision = precision;
    }

    static ValueConverter create(LogicalType target) {
        return target.is(LogicalTypeRoot.TIME_WITHOUT_TIME_ZONE)
                ? new TimeConverter(FlinkTypes.precision(target))
                : null;
    }

    @Override
    public Object fromText(byte[] bytes, int offset, int length) {
        TextCursor c = new TextCursor(bytes, offset, length);
        long micros = DateTimeText.time(c);
        if (!c.atEnd()) {
            throw c.error("unexpected text after the time");
        }
        return millisOfDay(micros);
    }

    @Override
    public Object fromBinary(byte[] bytes, int offset, int length) {
        BigEndian.requireLength(length, 8, "time");
        return millisOfDay(BigEndian.int64(bytes, offset));
    }

    private Integer millisOfDay(long micros) {
        if (micros < 0 || micros > PgDates.MICROS_PER_DAY) {
            throw new ValueConversionException("time of day out of range: " + micros + " µs");
        }
        int millis = (int) Math.min(micros / 1000, LAST_MILLI_OF_DAY);
        if (precision < 3) {
            millis -= millis % TRUNCATE_MILLIS[precision];
        }
        return millis;
    }
}
