package io.neoncdc.postgres.convert;

/**
 * Parses the ISO text forms of date, time, timestamp and timestamptz ({@code DateStyle=ISO}): years
 * of any length, a trailing {@code BC}, any UTC offset such as {@code +05:30} or {@code +00:53:28}.
 */
final class DateTimeText {
    private DateTimeText() {}

    /** Parses {@code Y-MM-DD} (the BC suffix is read by the caller); returns days since 1970. */
    static long date(TextCursor c, boolean bc) {
        long year = c.digits();
        c.expect('-');
        int month = (int) c.digits();
        c.expect('-');
        int day = (int) c.digits();
        if (month < 1 || month > 12 || day < 1 || day > 31) {
            throw c.error("bad month or day");
        }
        return PgDates.daysFromCivil(bc ? 1 - year : year, month, day);
    }

    /** Parses {@code HH:MM[:SS[.ffffff]]}; returns micros since midnight (24:00:00 allowed). */
    static long time(TextCursor c) {
        long hours = c.digits();
        c.expect(':');
        long minutes = c.digits();
        long seconds = 0;
        long micros = 0;
        if (c.consume(':')) {
            seconds = c.digits();
            if (c.consume('.')) {
                micros = c.fractionMicros();
            }
        }
        if (hours > 24 || minutes > 59 || seconds > 60) {
            throw c.error("bad time of day");
        }
        return ((hours * 60 + minutes) * 60 + seconds) * 1_000_000 + micros;
    }

    /** Parses {@code ±HH[:MM[:SS]]} (also {@code ±HHMM}); returns seconds east of UTC. */
    static int offsetSeconds(TextCursor c) {
        int sign;
        if (c.consume('+')) {
            sign = 1;
        } else if (c.consume('-')) {
            sign = -1;
        } else if (c.consume('Z')) {
            return 0;
        } else {
            throw c.error("expected a UTC offset");
        }
        int start = c.position();
        long hours = c.digits();
        long minutes = 0;
        long seconds = 0;
        if (c.position() - start == 4) {
            minutes = hours % 100;
            hours /= 100;
        } else if (c.consume(':')) {
            minutes = c.digits();
            if (c.consume(':')) {
                seconds = c.digits();
            }
        }
        if (hours > 15 || minutes > 59 || seconds > 59) {
            throw c.error("bad UTC offset");
        }
        return (int) (sign * (hours * 3600 + minutes * 60 + seconds));
    }

    /**
     * Parses a whole timestamp or timestamptz text value into micros since 2000-01-01 (UTC for
     * timestamptz); returns Long.MAX_VALUE / MIN_VALUE for {@code infinity} / {@code -infinity}.
     */
    static long timestampMicros(byte[] bytes, int offset, int length, boolean withZone) {
        if (TextCursor.is(bytes, offset, length, "infinity")) {
            return Long.MAX_VALUE;
        }
        if (TextCursor.is(bytes, offset, length, "-infinity")) {
            return Long.MIN_VALUE;
        }
        boolean bc = endsWithBc(bytes, offset, length);
        TextCursor c = new TextCursor(bytes, offset, bc ? length - 3 : length);
        long days = date(c, bc);
        if (!c.consume(' ') && !c.consume('T')) {
            throw c.error("expected a time");
        }
        long micros =
                Math.addExact(
                        Math.multiplyExact(days - PgDates.PG_EPOCH_DAYS, PgDates.MICROS_PER_DAY),
                        time(c));
        if (withZone && !c.atEnd()) {
            micros -= offsetSeconds(c) * 1_000_000L;
        }
        if (!c.atEnd()) {
            throw c.error("unexpected text after the timestamp");
        }
        return micros;
    }

    static boolean endsWithBc(byte[] bytes, int offset, int length) {
        int e = offset + length;
        return length > 3 && bytes[e - 3] == ' ' && bytes[e - 2] == 'B' && bytes[e - 1] == 'C';
    }
}
