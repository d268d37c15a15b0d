package io.neoncdc.postgres.convert;

import static io.neoncdc.postgres.convert.ConverterTestTypes.type;
import static io.neoncdc.postgres.convert.Wire.i32;
import static io.neoncdc.postgres.convert.Wire.i64;

import io.neoncdc.postgres.catalog.PgType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.stream.Stream;
import org.apache.flink.table.data.TimestampData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** date, time, timestamp and timestamptz: BC, infinities, offsets, 24:00, precision. */
class DateTimeConverterTest {
    private static final LocalDateTime PG_EPOCH = LocalDateTime.of(2000, 1, 1, 0, 0);

    static Stream<Arguments> cases() {
        return Stream.of(
                date("2024-02-29", LocalDate.of(2024, 2, 29)),
                date("1970-01-01", LocalDate.of(1970, 1, 1)),
                date("0001-01-01", LocalDate.of(1, 1, 1)),
                date("0044-03-15 BC", LocalDate.of(-43, 3, 15)),
                date("4714-11-24 BC", LocalDate.of(-4713, 11, 24)),
                date("5874897-12-31", LocalDate.of(5874897, 12, 31)),
                c(type("date"), "DATE", "infinity", i32(Integer.MAX_VALUE), 2_932_896),
                c(type("date"), "DATE", "-infinity", i32(Integer.MIN_VALUE), -719_528),
                time("TIME(6)", "13:45:30.123456", 49_530_123_456L, 49_530_123),
                time("TIME(3)", "00:00:00", 0, 0),
                time("TIME(0)", "13:45:30.9", 49_530_900_000L, 49_530_000),
                time("TIME(1)", "13:45:30.99", 49_530_990_000L, 49_530_900),
                time("TIME(6)", "24:00:00", 86_400_000_000L, 86_399_999),
                ts(
                        "TIMESTAMP(6)",
                        "2024-01-02 03:04:05.123456",
                        LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000)),
                ts(
                        "TIMESTAMP(6)",
                        "1969-12-31 23:59:59.999999",
                        LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000)),
                ts("TIMESTAMP(6)", "0044-03-15 12:00:00 BC", LocalDateTime.of(-43, 3, 15, 12, 0)),
                ts(
                        "TIMESTAMP(6)",
                        "294276-12-31 23:59:59.999999",
                        LocalDateTime.of(294276, 12, 31, 23, 59, 59, 999_999_000)),
                c(
                        type("timestamp"),
                        "TIMESTAMP(3)",
                        "2024-01-02 03:04:05.123456",
                        i64(pgMicros(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000))),
                        TimestampData.fromLocalDateTime(
                                LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_000_000))),
                c(
                        type("timestamp"),
                        "TIMESTAMP(0)",
                        "1969-12-31 23:59:59.5",
                        i64(pgMicros(LocalDateTime.of(1969, 12, 31, 23, 59, 59, 500_000_000))),
                        TimestampData.fromLocalDateTime(
                                LocalDateTime.of(1969, 12, 31, 23, 59, 59))),
                c(
                        type("timestamp"),
                        "TIMESTAMP(6)",
                        "infinity",
                        i64(Long.MAX_VALUE),
                        TimestampData.fromLocalDateTime(
                                LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000))),
                c(
                        type("timestamp"),
                        "TIMESTAMP(3)",
                        "-infinity",
                        i64(Long.MIN_VALUE),
                        TimestampData.fromLocalDateTime(LocalDateTime.of(0, 1, 1, 0, 0))),
                tstz("2024-01-02 03:04:05.5+00", "2024-01-02T03:04:05.5Z"),
                tstz("2024-01-02 08:34:05.5+05:30", "2024-01-02T03:04:05.5Z"),
                tstz("2023-12-31 22:04:05.5-05", "2024-01-01T03:04:05.5Z"),
                tstz("1900-01-01 00:53:28+00:53:28", "1900-01-01T00:00:00Z"),
                tstz("1900-01-01 00:00:00-00:19:32", "1900-01-01T00:19:32Z"),
                tstz("2024-01-02T03:04:05Z", "2024-01-02T03:04:05Z"),
                c(
                        type("timestamptz"),
                        "TIMESTAMP_LTZ(6)",
                        "0044-03-15 12:00:00+00 BC",
                        i64(pgMicros(LocalDateTime.of(-43, 3, 15, 12, 0))),
                        TimestampData.fromLocalDateTime(LocalDateTime.of(-43, 3, 15, 12, 0))),
                c(
                        type("timestamptz"),
                        "TIMESTAMP_LTZ(6)",
                        "-infinity",
                        i64(Long.MIN_VALUE),
                        TimestampData.fromLocalDateTime(LocalDateTime.of(0, 1, 1, 0, 0))));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}: {2}")
    @MethodSource("cases")
    void textAndBinaryFormsGiveTheExpectedValue(
            PgType pgType, String flinkType, String text, byte[] binary, Object expected) {
        ValueConverter converter =
                ConverterTestTypes.converter(pgType, flinkType, ConversionOptions.defaults());
        ConverterAssertions.assertConverts(converter, text, binary, expected);
    }

    private static Arguments c(
            PgType pgType, String flinkType, String text, byte[] binary, Object expected) {
        return Arguments.of(pgType, flinkType, text, binary, expected);
    }

    private static Arguments date(String text, LocalDate date) {
        long pgDays = date.toEpochDay() - 10957;
        return c(type("date"), "DATE", text, i32((int) pgDays), (int) date.toEpochDay());
    }

    private static Arguments time(String flink, String text, long micros, int millis) {
        return c(type("time"), flink, text, i64(micros), millis);
    }

    private static Arguments ts(String flink, String text, LocalDateTime value) {
        return c(
                type("timestamp"),
                flink,
                text,
                i64(pgMicros(value)),
                TimestampData.fromLocalDateTime(value));
    }

    private static Arguments tstz(String text, String instant) {
        Instant i = Instant.parse(instant);
        return c(
                type("timestamptz"),
                "TIMESTAMP_LTZ(6)",
                text,
                i64(pgMicros(LocalDateTime.ofInstant(i, ZoneOffset.UTC))),
                TimestampData.fromInstant(i));
    }

    static long pgMicros(LocalDateTime t) {
        return ChronoUnit.MICROS.between(PG_EPOCH, t);
    }
}
