package io.neoncdc.postgres.convert;

import static io.neoncdc.postgres.convert.ConverterTestTypes.numericTypmod;
import static io.neoncdc.postgres.convert.ConverterTestTypes.type;
import static io.neoncdc.postgres.convert.Wire.f4;
import static io.neoncdc.postgres.convert.Wire.f8;
import static io.neoncdc.postgres.convert.Wire.hex;
import static io.neoncdc.postgres.convert.Wire.i16;
import static io.neoncdc.postgres.convert.Wire.i32;
import static io.neoncdc.postgres.convert.Wire.i64;
import static io.neoncdc.postgres.convert.Wire.numeric;
import static io.neoncdc.postgres.convert.Wire.numericSpecial;
import static io.neoncdc.postgres.convert.Wire.utf8;

import io.neoncdc.postgres.catalog.PgType;
import java.math.BigDecimal;
import java.util.stream.Stream;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.StringData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Numbers, booleans and strings: text form and binary form give the same expected value. */
class ScalarConverterTest {

    static Stream<Arguments> cases() {
        PgType num102 = type("numeric", numericTypmod(10, 2));
        return Stream.of(
                c(type("int2"), "SMALLINT", "-32768", i16(-32768), (short) -32768),
                c(type("int2"), "INT", "7", i16(7), 7),
                c(type("int2"), "DECIMAL(5, 1)", "12", i16(12), dec("12.0", 5, 1)),
                c(type("int4"), "INT", "2147483647", i32(Integer.MAX_VALUE), Integer.MAX_VALUE),
                c(type("int4"), "BIGINT", "-5", i32(-5), -5L),
                c(type("int4"), "DOUBLE", "-5", i32(-5), -5.0),
                c(type("int4"), "STRING", "-5", i32(-5), str("-5")),
                c(
                        type("int8"),
                        "BIGINT",
                        "-9223372036854775808",
                        i64(Long.MIN_VALUE),
                        Long.MIN_VALUE),
                c(type("oid"), "BIGINT", "4294967295", i32(-1), 4294967295L),
                c(type("float4"), "FLOAT", "1.5", f4(1.5f), 1.5f),
                c(type("float4"), "FLOAT", "NaN", f4(Float.NaN), Float.NaN),
                c(type("float4"), "DOUBLE", "0.1", f4(0.1f), (double) 0.1f),
                c(
                        type("float4"),
                        "FLOAT",
                        "-Infinity",
                        f4(Float.NEGATIVE_INFINITY),
                        Float.NEGATIVE_INFINITY),
                c(type("float8"), "DOUBLE", "1e+100", f8(1e100), 1e100),
                c(
                        type("float8"),
                        "DOUBLE",
                        "Infinity",
                        f8(Double.POSITIVE_INFINITY),
                        Double.POSITIVE_INFINITY),
                c(type("float8"), "DOUBLE", "-0", f8(-0.0), -0.0),
                c(type("float8"), "DOUBLE", "0.30000000000000004", f8(0.1 + 0.2), 0.1 + 0.2),
                c(type("bool"), "BOOLEAN", "t", new byte[] {1}, true),
                c(type("bool"), "BOOLEAN", "f", new byte[] {0}, false),
                c(
                        num102,
                        "DECIMAL(10, 2)",
                        "12345678.90",
                        numeric("12345678.90"),
                        dec("12345678.90", 10, 2)),
                c(num102, "DECIMAL(10, 2)", "-0.05", numeric("-0.05"), dec("-0.05", 10, 2)),
                c(num102, "DECIMAL(10, 2)", "0.00", numeric("0.00"), dec("0", 10, 2)),
                c(
                        type("numeric"),
                        "DECIMAL(38, 18)",
                        "1.000000000000000000001",
                        numeric("1.000000000000000000001"),
                        dec("1.000000000000000000", 38, 18)),
                c(
                        type("numeric"),
                        "DECIMAL(38, 18)",
                        "0.0000000000000000005",
                        numeric("0.0000000000000000005"),
                        dec("0.000000000000000001", 38, 18)),
                c(type("numeric"), "DECIMAL(38, 0)", "-2.5", numeric("-2.5"), dec("-3", 38, 0)),
                c(
                        type("numeric"),
                        "DECIMAL(38, 2)",
                        "100000000",
                        numeric("100000000"),
                        dec("100000000", 38, 2)),
                c(
                        type("numeric"),
                        "DECIMAL(20, 0)",
                        "12345678901234567890",
                        numeric("12345678901234567890"),
                        dec("12345678901234567890", 20, 0)),
                c(
                        type("numeric"),
                        "DECIMAL(38, 10)",
                        "123456789012.3456789012",
                        numeric("123456789012.3456789012"),
                        dec("123456789012.3456789012", 38, 10)),
                c(type("numeric"), "DECIMAL(5, 0)", "10000", numeric("10000"), dec("10000", 5, 0)),
                c(
                        type("numeric"),
                        "STRING",
                        "12345678901234567890123456789012345678901.5",
                        numeric("12345678901234567890123456789012345678901.5"),
                        str("12345678901234567890123456789012345678901.5")),
                c(type("numeric"), "STRING", "0.000100", numeric("0.000100"), str("0.000100")),
                c(type("numeric"), "STRING", "-10000.00", numeric("-10000.00"), str("-10000.00")),
                c(type("numeric"), "STRING", "0", numeric("0"), str("0")),
                c(type("numeric"), "STRING", "NaN", numericSpecial(0xC000), str("NaN")),
                c(type("numeric"), "STRING", "-Infinity", numericSpecial(0xF000), str("-Infinity")),
                c(
                        type("numeric"),
                        "DOUBLE",
                        "Infinity",
                        numericSpecial(0xD000),
                        Double.POSITIVE_INFINITY),
                c(type("numeric"), "DOUBLE", "2.5", numeric("2.5"), 2.5),
                c(type("text"), "STRING", "Grüße ☃", utf8("Grüße ☃"), str("Grüße ☃")),
                c(type("bpchar", 9), "STRING", "ab       ", utf8("ab       "), str("ab       ")),
                c(type("varchar", 14), "VARCHAR(10)", "", new byte[0], str("")),
                c(type("name"), "STRING", "pg_class", utf8("pg_class"), str("pg_class")),
                c(
                        type("json"),
                        "STRING",
                        "{\"a\" : [1, 2]}",
                        utf8("{\"a\" : [1, 2]}"),
                        str("{\"a\" : [1, 2]}")),
                c(
                        type("jsonb"),
                        "STRING",
                        "{\"a\": [1, 2]}",
                        Wire.concat(new byte[] {1}, utf8("{\"a\": [1, 2]}")),
                        str("{\"a\": [1, 2]}")),
                c(
                        type("uuid"),
                        "STRING",
                        "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
                        hex("a0eebc999c0b4ef8bb6d6bb9bd380a11"),
                        str("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")),
                c(
                        type("uuid"),
                        "BYTES",
                        "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
                        hex("a0eebc999c0b4ef8bb6d6bb9bd380a11"),
                        hex("a0eebc999c0b4ef8bb6d6bb9bd380a11")),
                c(type("bytea"), "BYTES", "\\xdeadbeef00", hex("deadbeef00"), hex("deadbeef00")),
                c(type("bytea"), "BYTES", "\\x", new byte[0], new byte[0]),
                c(type("bytea"), "BYTES", "a\\\\b\\000\\377", hex("615c6200ff"), hex("615c6200ff")),
                c(type("bytea"), "STRING", "\\x0aff", hex("0aff"), str("\\x0aff")));
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

    static DecimalData dec(String value, int precision, int scale) {
        return DecimalData.fromBigDecimal(new BigDecimal(value), precision, scale);
    }

    static StringData str(String s) {
        return StringData.fromString(s);
    }
}
