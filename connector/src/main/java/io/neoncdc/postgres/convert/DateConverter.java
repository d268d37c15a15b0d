package io.neoncdc.postgres.convert;

import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;

/** date into DATE (Integer days since 1970-01-01), BC dates included, ±infinity per options. */
final class DateConverter implements ValueConverter {
    private static final long serialVersionUID = 1L;

    private final ConversionOptions options;

    private DateConverter(ConversionOptions options) {
        this.options = options;
    }

    static ValueConverter create(LogicalType target, ConversionOptions options) {
        return target.is(LogicalTypeRoot.DATE) ? new DateConverter(options) : null;
    }

    @Override
    public Object fromText(byte[] bytes, int offset, int length) {
        if (TextCursor.is(bytes, offset, length, "infinity")) {
            return PgDates.infiniteDays(true, options);
        }
        if (TextCursor.is(bytes, offset, length, "-infinity")) {
            return PgDates.infiniteDays(false, options);
        }
        boolean bc = DateTimeText.endsWithBc(bytes, offset, length);
        TextCursor c = new TextCursor(bytes, offset, bc ? length - 3 : length);
        long days = DateTimeText.date(c, bc);
        if (!c.atEnd()) {
            throw c.error("unexpected text after the date");
        }
        return Math.toIntExact(days);
    }

    @Override
    public Object fromBinary(byte[] bytes, int offset, int length) {
        BigEndian.requireLength(length, 4, "date");
        int pgDays = BigEndian.int32(bytes, offset);
        if (pgDays == Integer.MAX_VALUE) {
            return PgDates.infiniteDays(true, options);
        }
        if (pgDays == Integer.MIN_VALUE) {
            return PgDates.infiniteDays(false, options);
        }
        return pgDays + PgDates.PG_EPOCH_DAYS;
    }
}
