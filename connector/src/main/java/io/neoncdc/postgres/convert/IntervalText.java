package io.neoncdc.postgres.convert;

/**
 * The interval text forms: parses ISO-8601 ({@code P1Y2M-3DT4H5M6.5S}) and PostgreSQL style ({@code
 * 1 year 2 mons -3 days +04:05:06.5}); formats ISO-8601 exactly as {@code interval_out}.
 */
final class IntervalText {
    private IntervalText() {}

    /** Returns {months, days, micros}. */
    static long[] parse(byte[] bytes, int offset, int length) {
        TextCursor c = new TextCursor(bytes, offset, length);
        long[] parts = c.consume('P') ? iso(c) : postgres(c);
        if (!c.atEnd()) {
            throw c.error("unexpected text in interval (is IntervalStyle iso_8601?)");
        }
        return parts;
    }

    private static long[] iso(TextCursor c) {
        long months = 0;
        long days = 0;
        long micros = 0;
        boolean time = false;
        while (!c.atEnd()) {
            if (!time && c.consume('T')) {
                time = true;
                continue;
            }
            boolean negative = c.consume('-');
            long whole = c.digits();
            long fraction = c.consume('.') ? c.fractionMicros() : 0;
            long sign = negative ? -1 : 1;
            int unit = c.peek();
            c.skip(1);
            if (fraction != 0 && !(time && unit == 'S')) {
                throw c.error("fractions are only read in seconds");
            }
            if (!time && unit == 'Y') {
                months += sign * whole * 12;
            } else if (!time && unit == 'M') {
                months += sign * whole;
            } else if (!time && unit == 'W') {
                days += sign * whole * 7;
            } else if (!time && unit == 'D') {
                days += sign * whole;
            } else if (time && unit == 'H') {
                micros += sign * whole * 3_600_000_000L;
            } else if (time && unit == 'M') {
                micros += sign * whole * 60_000_000L;
            } else if (time && unit == 'S') {
                micros += sign * (whole * 1_000_000L + fraction);
            } else {
                throw c.error("unknown interval unit");
            }
        }
        return new long[] {months, days, micros};
    }

    private static long[] postgres(TextCursor c) {
        long months = 0;
        long days = 0;
        long micros = 0;
        while (!c.atEnd()) {
            boolean negative = c.consume('-');
            if (!negative) {
                c.consume('+');
            }
            long sign = negative ? -1 : 1;
            long value = c.digits();
            if (c.consume(':')) {
                long minutes = c.digits();
                long seconds = 0;
                long fraction = 0;
                if (c.consume(':')) {
                    seconds = c.digits();
                    fraction = c.consume('.') ? c.fractionMicros() : 0;
                }
                micros += sign * (((value * 60 + minutes) * 60 + seconds) * 1_000_000L + fraction);
            } else {
                c.expect(' ');
                if (c.consume("years") || c.consume("year")) {
                    months += sign * value * 12;
                } else if (c.consume("mons") || c.consume("mon")) {
                    months += sign * value;
                } else if (c.consume("days") || c.consume("day")) {
                    days += sign * value;
                } else {
                    throw c.error("unknown interval unit");
                }
            }
            c.consume(' ');
        }
        return new long[] {months, days, micros};
    }

    /** PostgreSQL's ISO-8601 interval output. */
    static String iso(int months, int days, long time) {
        long years = months / 12;
        long mons = months % 12;
        long hours = time / 3_600_000_000L;
        long rest = time - hours * 3_600_000_000L;
        long minutes = rest / 60_000_000L;
        rest -= minutes * 60_000_000L;
        long seconds = rest / 1_000_000L;
        long micros = rest - seconds * 1_000_000L;
        if (years == 0 && mons == 0 && days == 0 && time == 0) {
            return "PT0S";
        }
        StringBuilder sb = new StringBuilder(32).append('P');
        part(sb, years, 'Y');
        part(sb, mons, 'M');
        part(sb, days, 'D');
        if (time != 0) {
            sb.append('T');
        }
        part(sb, hours, 'H');
        part(sb, minutes, 'M');
        if (seconds != 0 || micros != 0) {
            if (seconds < 0 || micros < 0) {
                sb.append('-');
            }
            sb.append(Math.abs(seconds));
            appendFraction(sb, Math.abs(micros));
            sb.append('S');
        }
        return sb.toString();
    }

    private static void part(StringBuilder sb, long value, char unit) {
        if (value != 0) {
            sb.append(value).append(unit);
        }
    }

    /** ".ffffff" without trailing zeros; nothing for zero. */
    static void appendFraction(StringBuilder sb, long micros) {
        if (micros == 0) {
            return;
        }
        sb.append('.');
        int digits = 6;
        long v = micros;
        while (v % 10 == 0) {
            v /= 10;
            digits--;
        }
        String s = Long.toString(v);
        for (int i = s.length(); i < digits; i++) {
            sb.append('0');
        }
        sb.append(s);
    }
}
