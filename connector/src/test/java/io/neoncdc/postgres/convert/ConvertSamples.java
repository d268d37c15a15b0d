package io.neoncdc.postgres.convert;

import static io.neoncdc.postgres.convert.ScalarConverterTest.dec;
import static io.neoncdc.postgres.convert.ScalarConverterTest.str;
import static io.neoncdc.postgres.convert.TypeCase.column;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.table.data.TimestampData;

/** The types and sample values of {@link ConvertITCase}. */
final class ConvertSamples {
    static final String[] SETUP = ConvertSamples2.SETUP;

    private ConvertSamples() {}

    static List<TypeCase> cases() {
        List<TypeCase> cases = new ArrayList<>();
        cases.addAll(numbers());
        cases.addAll(strings());
        cases.addAll(dateTimes());
        cases.addAll(ConvertSamples2.cases());
        return cases;
    }

    static List<TypeCase> numbers() {
        return Arrays.asList(
                column("smallint")
                        .value("-32768", (short) -32768)
                        .value("32767", (short) 32767)
                        .value("0", (short) 0),
                column("integer").value("-2147483648", Integer.MIN_VALUE).value("42", 42),
                column("serial").notNull().value("1", 1).value("2147483647", Integer.MAX_VALUE),
                column("bigint")
                        .value("-9223372036854775808", Long.MIN_VALUE)
                        .value("9223372036854775807", Long.MAX_VALUE),
                column("bigserial").notNull().value("7", 7L),
                column("integer")
                        .as("DECIMAL(12, 2)")
                        .value("-2147483648", dec("-2147483648", 12, 2)),
                column("numeric(10,2)")
                        .value("12345678.90", dec("12345678.90", 10, 2))
                        .value("-0.05", dec("-0.05", 10, 2))
                        .value("0", dec("0", 10, 2))
                        .value("'0.005'", dec("0.01", 10, 2)),
                column("numeric(10,2)")
                        .as("DECIMAL(5, 2)")
                        .value("999.99", dec("999.99", 5, 2))
                        .fails("1000", "1000.00 does not fit DECIMAL(5, 2)"),
                column("numeric")
                        .value("1e-18", dec("0.000000000000000001", 38, 18))
                        .value(
                                "'12345678901234567890.123456789012345678'",
                                dec("12345678901234567890.123456789012345678", 38, 18))
                        .value("'-1.5e-19'", dec("-0.000000000000000000", 38, 18))
                        .value("'10000000000000000000'", dec("10000000000000000000", 38, 18))
                        .fails("'NaN'", "NaN")
                        .fails("'123456789012345678901.5'", "123456789012345678901.5"),
                column("numeric")
                        .since(140000)
                        .as("DECIMAL(38, 18)")
                        .fails("'Infinity'", "Infinity")
                        .fails("'-Infinity'", "-Infinity"),
                column("numeric")
                        .as("STRING")
                        .value(
                                "'1234567890123456789012345678901234567890.0123456789'",
                                str("1234567890123456789012345678901234567890.0123456789"))
                        .value("'NaN'", str("NaN"))
                        .value("'0.000000'", str("0.000000"))
                        .value("'-1.5e-20'", str("-0.000000000000000000015"))
                        .value("'1e30'", str("1000000000000000000000000000000"))
                        .value("'-10000.0001'", str("-10000.0001")),
                column("numeric")
                        .since(140000)
                        .as("STRING")
                        .value("'Infinity'", str("Infinity"))
                        .value("'-Infinity'", str("-Infinity")),
                column("numeric(5,3)").as("DOUBLE").value("'1.125'", 1.125),
                column("real")
                        .value("1.5", 1.5f)
                        .value("'NaN'", Float.NaN)
                        .value("'Infinity'", Float.POSITIVE_INFINITY)
                        .value("'-Infinity'", Float.NEGATIVE_INFINITY)
                        .value("'3.4028235e38'", Float.MAX_VALUE)
                        .value("'1e-45'", Float.MIN_VALUE)
                        .value("'-0'", -0.0f)
                        .value("'0.1'", 0.1f),
                column("double precision")
                        .value("'0.1'", 0.1)
                        .value("'1e308'", 1e308)
                        .value("'5e-324'", Double.MIN_VALUE)
                        .value("'NaN'", Double.NaN)
                        .value("'-Infinity'", Double.NEGATIVE_INFINITY)
                        .value("'-0'", -0.0)
                        .value("pi()", Math.PI),
                column("boolean").value("true", true).value("false", false));
    }

    static List<TypeCase> strings() {
        return Arrays.asList(
                column("text")
                        .value("'Grüße ☃ 😀'", str("Grüße ☃ 😀"))
                        .value("''", str(""))
                        .value("E'tab\\t\"q\" \\\\ nl\\n'", str("tab\t\"q\" \\ nl\n")),
                column("varchar(5)").value("'abc'", str("abc")),
                column("char(5)").value("'ab'", str("ab   ")),
                column("name").value("'pg_class'", str("pg_class")),
                column("json")
                        .value(
                                "'{\"a\" : [1, 2.50, \"ü\"], \"b\": null}'",
                                str("{\"a\" : [1, 2.50, \"ü\"], \"b\": null}")),
                column("jsonb")
                        .value(
                                "'{\"b\":null, \"a\" : [1, 2.50, \"ü\"]}'",
                                str("{\"a\": [1, 2.50, \"ü\"], \"b\": null}"))
                        .value("'\"x\"'", str("\"x\"")),
                column("uuid")
                        .value(
                                "'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'",
                                str("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")),
                column("bytea")
                        .value("'\\xdeadbeef00'", Wire.hex("deadbeef00"))
                        .value("''", new byte[0]),
                column("bytea").as("STRING").value("'\\x0aff'", str("\\x0aff")),
                column("bytea")
                        .as("STRING")
                        .options(bytesAs(ConversionOptions.BinaryRepresentation.HEX))
                        .value("'\\x0aff'", str("0aff")),
                column("bytea")
                        .as("STRING")
                        .options(bytesAs(ConversionOptions.BinaryRepresentation.BASE64))
                        .value("'\\xfbff'", str("+/8=")),
                column("bytea")
                        .as("STRING")
                        .options(bytesAs(ConversionOptions.BinaryRepresentation.BASE64_URL_SAFE))
                        .value("'\\xfbff'", str("-_8=")));
    }

    static List<TypeCase> dateTimes() {
        return Arrays.asList(
                column("date")
                        .value("'2024-02-29'", days(LocalDate.of(2024, 2, 29)))
                        .value("'1970-01-01'", 0)
                        .value("'0044-03-15 BC'", days(LocalDate.of(-43, 3, 15)))
                        .value("'4714-11-24 BC'", days(LocalDate.of(-4713, 11, 24)))
                        .value("'5874897-12-31'", days(LocalDate.of(5874897, 12, 31)))
                        .value("'infinity'", days(LocalDate.of(9999, 12, 31)))
                        .value("'-infinity'", days(LocalDate.of(0, 1, 1))),
                column("time")
                        .value("'13:45:30.123456'", 49_530_123)
                        .value("'24:00:00'", 86_399_999)
                        .value("'00:00:00'", 0),
                column("time(0)").value("'13:45:30.6'", 49_531_000),
                column("timestamp")
                        .value(
                                "'2024-01-02 03:04:05.123456'",
                                ts(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000)))
                        .value(
                                "'1969-12-31 23:59:59.999999'",
                                ts(LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000)))
                        .value("'0044-03-15 12:00:00 BC'", ts(LocalDateTime.of(-43, 3, 15, 12, 0)))
                        .value("'4713-01-01 00:00:00 BC'", ts(LocalDateTime.of(-4712, 1, 1, 0, 0)))
                        .value(
                                "'294276-12-31 23:59:59.999999'",
                                ts(LocalDateTime.of(294276, 12, 31, 23, 59, 59, 999_999_000)))
                        .value(
                                "'infinity'",
                                ts(LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000)))
                        .value("'-infinity'", ts(LocalDateTime.of(0, 1, 1, 0, 0))),
                column("timestamp(3)")
                        .value(
                                "'2024-01-02 03:04:05.1239'",
                                ts(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 124_000_000))),
                column("timestamp(6)")
                        .as("TIMESTAMP(0)")
                        .value(
                                "'2024-01-02 03:04:05.9'",
                                ts(LocalDateTime.of(2024, 1, 2, 3, 4, 5))),
                column("timestamptz")
                        .value(
                                "'2024-01-02 03:04:05.123456+00'",
                                ltz("2024-01-02T03:04:05.123456Z"))
                        .value("'2024-01-02 08:34:05+05:30'", ltz("2024-01-02T03:04:05Z"))
                        .value("'1900-01-01 00:00:00+00'", ltz("1900-01-01T00:00:00Z"))
                        .value(
                                "'0044-03-15 12:00:00+00 BC'",
                                ts(LocalDateTime.of(-43, 3, 15, 12, 0)))
                        .value(
                                "'infinity'",
                                ts(LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000))),
                column("timestamptz(0)")
                        .value("'2024-01-02 03:04:05.5+00'", ltz("2024-01-02T03:04:06Z")));
    }

    static ConversionOptions bytesAs(ConversionOptions.BinaryRepresentation r) {
        return ConversionOptions.defaults().withBinaryRepresentation(r);
    }

    static int days(LocalDate d) {
        return (int) d.toEpochDay();
    }

    static TimestampData ts(LocalDateTime t) {
        return TimestampData.fromLocalDateTime(t);
    }

    static TimestampData ltz(String instant) {
        return TimestampData.fromInstant(Instant.parse(instant));
    }
}
