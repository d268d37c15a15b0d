package io.neoncdc.postgres.deserializer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.SplittableRandom;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.LocalZonedTimestampType;
import org.junit.jupiter.api.Test;

/** The hand-written ZonedTimestamp text is the formatter's, character for character. */
class ZonedTimestampsTest {

    @Test
    void matchesTheFormatterAtEveryPrecisionAcrossTheYears() {
        SplittableRandom random = new SplittableRandom(14);
        long first = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
        long end = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 20_000; i++) {
            long second = random.nextLong(first, end + 1);
            int nanos = random.nextInt(1_000_000_000);
            if (i % 7 == 0) {
                nanos = nanos / 1000 * 1000; // microsecond values, as PostgreSQL has
            } else if (i % 11 == 0) {
                nanos = 0;
            }
            check(Instant.ofEpochSecond(second, nanos));
        }
        for (String edge :
                new String[] {
                    "0001-01-01T00:00:00Z",
                    "1969-12-31T23:59:59.999999999Z",
                    "1970-01-01T00:00:00Z",
                    "2000-02-29T12:34:56.000001Z",
                    "2100-03-01T00:00:00.5Z",
                    "9999-12-31T23:59:59.999999999Z"
                }) {
            check(Instant.parse(edge));
        }
    }

    @Test
    void writesTheUsualValuesItself() {
        TimestampData ts = TimestampData.fromInstant(Instant.parse("2026-12-07T23:59:01.25Z"));
        assertThat(ZonedTimestamps.format(ts, 6)).isEqualTo("2026-12-07T23:59:01.250000Z");
        assertThat(ZonedTimestamps.format(ts, 0)).isNull(); // a fraction: the formatter's
    }

    @Test
    void leavesYearsOutsideFourDigitsToTheFormatter() {
        TimestampData before = TimestampData.fromInstant(Instant.parse("0000-12-31T23:59:59Z"));
        TimestampData after = TimestampData.fromInstant(Instant.parse("+10000-01-01T00:00:00Z"));
        assertThat(ZonedTimestamps.format(before, 3)).isNull();
        assertThat(ZonedTimestamps.format(after, 3)).isNull();
        assertThat(DebeziumValues.zonedTimestamp(after, new LocalZonedTimestampType(3)))
                .isEqualTo("+10000-01-01T00:00:00.000Z");
    }

    private static void check(Instant instant) {
        TimestampData ts = TimestampData.fromInstant(instant);
        for (int p = 0; p <= 9; p++) {
            assertThat(DebeziumValues.zonedTimestamp(ts, new LocalZonedTimestampType(p)))
                    .as("%s at precision %d", instant, p)
                    .isEqualTo(instant.atOffset(ZoneOffset.UTC).format(formatter(p)));
        }
    }

    private static DateTimeFormatter formatter(int p) {
        if (p == 0) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME;
        }
        return new DateTimeFormatterBuilder()
                .append(DateTimeFormatter.ISO_LOCAL_DATE)
                .appendLiteral('T')
                .appendPattern("HH:mm:ss")
                .appendFraction(ChronoField.NANO_OF_SECOND, p, p, true)
                .appendOffsetId()
                .toFormatter();
    }
}
