package io.neoncdc.postgres.convert;

import org.apache.flink.table.data.TimestampData;

/**
 * Calendar arithmetic shared by the date/time converters: PostgreSQL counts days and microseconds
 * from 2000-01-01 in the proleptic Gregorian calendar, Flink from 1970-01-01.
 */
final class PgDates {
    /** 2000-01-01 as days since 1970-01-01. */
    static final int PG_EPOCH_DAYS = 10957;

    static final long PG_EPOCH_MILLIS = PG_EPOCH_DAYS * 86_400_000L;
    static final long MICROS_PER_DAY = 86_400_000_000L;

    /** Flink's supported range: 0000-01-01 and 9999-12-31 as days since 1970-01-01. */
    static final int MIN_FLINK_DAYS = -719_528;

    static final int MAX_FLINK_DAYS = 2_932_896;

    /** Where ±infinity timestamps are clamped to, as micros since 2000-01-01. */
    static final long MIN_CLAMPED_MICROS = (MIN_FLINK_DAYS - PG_EPOCH_DAYS) * MICROS_PER_DAY;

    static final long MAX_CLAMPED_MICROS =
            (MAX_FLINK_DAYS - PG_EPOCH_DAYS + 1) * MICROS_PER_DAY - 1;

    private static final long[] TRUNCATE_MICROS = {1_000_000, 100_000, 10_000, 1000, 100, 10, 1};

    private PgDates() {}

    /** Days since 1970-01-01 of a proleptic Gregorian date (astronomical year: 1 BC is 0). */
    static long daysFromCivil(long year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        int shifted = month > 2 ? month - 3 : month + 9;
        long dayOfYear = (153L * shifted + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    /** A TimestampData of micros since 2000-01-01, truncated to {@code precision} digits. */
    static TimestampData timestamp(long pgMicros, int precision) {
        long micros = pgMicros;
        if (precision < 6) {
            long unit = TRUNCATE_MICROS[precision];
            micros = Math.floorDiv(micros, unit) * unit;
        }
        long millis = Math.floorDiv(micros, 1000) + PG_EPOCH_MILLIS;
        int nanos = (int) Math.floorMod(micros, 1000) * 1000;
        return TimestampData.fromEpochMillis(millis, nanos);
    }

    /** Micros since 2000-01-01 of a PostgreSQL infinity under the chosen handling. */
    static long infiniteMicros(boolean positive, ConversionOptions options) {
        if (options.infinityHandling() == ConversionOptions.InfinityHandling.FAIL) {
            throw infinity(positive);
        }
        return positive ? MAX_CLAMPED_MICROS : MIN_CLAMPED_MICROS;
    }

    /** Days since 1970-01-01 of a PostgreSQL infinite date under the chosen handling. */
    static int infiniteDays(boolean positive, ConversionOptions options) {
        if (options.infinityHandling() == ConversionOptions.InfinityHandling.FAIL) {
            throw infinity(positive);
        }
        return positive ? MAX_FLINK_DAYS : MIN_FLINK_DAYS;
    }

    static ValueConversionException infinity(boolean positive) {
        return new ValueConversionException(
                (positive ? "infinity" : "-infinity")
                        + " cannot be held by the declared type (infinity handling is FAIL);"
                        + " declare the column STRING to keep it");
    }
}
