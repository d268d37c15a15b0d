package io.neoncdc.postgres.deserializer;

import org.apache.flink.table.data.TimestampData;

/**
 * io.debezium.time.ZonedTimestamp text of years 0001–9999 written by hand: {@code
 * yyyy-MM-ddTHH:mm:ss[.f…]Z} with exactly the column's fractional digits, the same characters as
 * {@link java.time.format.DateTimeFormatter} prints (which took a sixth of the Debezium JSON
 * snapshot's task time in a profile). Other years are left to the formatter.
 */
final class ZonedTimestamps {
    private static final long MILLIS_PER_DAY = 86_400_000L;

    /**
     * The first and the day after the last day (epoch days) written here: 0001-01-01, 10000-01-01.
     */
    private static final long FIRST_DAY = -719_162L;

    private static final long END_DAY = 2_932_897L;

    private ZonedTimestamps() {}

    /**
     * The text with {@code precision} (0–9) fractional digits, or null outside 0001–9999 (and for a
     * fraction at precision 0).
     */
    static String format(TimestampData ts, int precision) {
        long millis = ts.getMillisecond();
        long day = Math.floorDiv(millis, MILLIS_PER_DAY);
        if (day < FIRST_DAY || day >= END_DAY) {
            return null;
        }
        int millisOfDay = (int) Math.floorMod(millis, MILLIS_PER_DAY);
        long nanos = (millisOfDay % 1000) * 1_000_000L + ts.getNanoOfMillisecond();
        if (precision == 0 && nanos != 0) {
            return null; // ISO_OFFSET_DATE_TIME prints the digits a value has: the formatter's
        }
        int secondOfDay = millisOfDay / 1000;
        char[] c = new char[precision == 0 ? 20 : 21 + precision];
        date(c, day);
        c[10] = 'T';
        two(c, 11, secondOfDay / 3600);
        c[13] = ':';
        two(c, 14, secondOfDay / 60 % 60);
        c[16] = ':';
        two(c, 17, secondOfDay % 60);
        int end = 19;
        if (precision > 0) {
            c[end++] = '.';
            long digits = nanos;
            for (int i = 9; i > precision; i--) {
                digits /= 10; // truncated, as the formatter's fixed-width fraction does
            }
            for (int i = end + precision - 1; i >= end; i--) {
                c[i] = (char) ('0' + digits % 10);
                digits /= 10;
            }
            end += precision;
        }
        c[end] = 'Z';
        return new String(c);
    }

    /** {@code yyyy-MM-dd} of an epoch day (the proleptic Gregorian civil-from-days algorithm). */
    private static void date(char[] c, long epochDay) {
        long z = epochDay + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int d = (int) (doy - (153 * mp + 2) / 5 + 1);
        int m = (int) (mp < 10 ? mp + 3 : mp - 9);
        int y = (int) (yoe + era * 400 + (m <= 2 ? 1 : 0));
        two(c, 0, y / 100);
        two(c, 2, y % 100);
        c[4] = '-';
        two(c, 5, m);
        c[7] = '-';
        two(c, 8, d);
    }

    private static void two(char[] c, int at, int value) {
        c[at] = (char) ('0' + value / 10);
        c[at + 1] = (char) ('0' + value % 10);
    }
}
