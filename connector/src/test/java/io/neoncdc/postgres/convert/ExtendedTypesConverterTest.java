package io.neoncdc.postgres.convert;

import static io.neoncdc.postgres.convert.ConverterTestTypes.type;
import static io.neoncdc.postgres.convert.ScalarConverterTest.dec;
import static io.neoncdc.postgres.convert.ScalarConverterTest.str;
import static io.neoncdc.postgres.convert.Wire.concat;
import static io.neoncdc.postgres.convert.Wire.hex;
import static io.neoncdc.postgres.convert.Wire.i32;
import static io.neoncdc.postgres.convert.Wire.i64;
import static io.neoncdc.postgres.convert.Wire.utf8;

import io.neoncdc.postgres.catalog.PgType;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** money, bit, timetz, interval, network types, bool and xml as STRING. */
class ExtendedTypesConverterTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                c(type("money"), "DECIMAL(19, 2)", "$1,234.56", i64(123456), dec("1234.56", 19, 2)),
                c(type("money"), "DECIMAL(19, 2)", "-$0.01", i64(-1), dec("-0.01", 19, 2)),
                c(type("money"), "DECIMAL(19, 2)", "($5.00)", i64(-500), dec("-5.00", 19, 2)),
                c(
                        type("money"),
                        "DECIMAL(19, 2)",
                        "-$92,233,720,368,547,758.08",
                        i64(Long.MIN_VALUE),
                        dec("-92233720368547758.08", 19, 2)),
                c(type("bit", 1), "BOOLEAN", "1", bits(1, 0x80), true),
                c(type("bit", 1), "BOOLEAN", "0", bits(1, 0x00), false),
                c(type("bit", 10), "BYTES", "1010000011", bits(10, 0xa0, 0xc0), hex("a0c0")),
                c(type("varbit"), "BYTES", "", bits(0), new byte[0]),
                c(type("varbit"), "STRING", "10100", bits(5, 0xa0), str("10100")),
                c(
                        type("timetz"),
                        "STRING",
                        "12:34:56.5+05:30",
                        concat(i64(45_296_500_000L), i32(-19800)),
                        str("12:34:56.5+05:30")),
                c(
                        type("timetz"),
                        "STRING",
                        "00:00:00-08",
                        concat(i64(0), i32(28800)),
                        str("00:00:00-08")),
                c(
                        type("timetz"),
                        "STRING",
                        "24:00:00+00:53:28",
                        concat(i64(86_400_000_000L), i32(-3208)),
                        str("24:00:00+00:53:28")),
                c(
                        type("timetz"),
                        "STRING",
                        "01:02:03.000001+00",
                        concat(i64(3_723_000_001L), i32(0)),
                        str("01:02:03.000001+00")),
                interval(
                        "BIGINT",
                        "P1Y2M-3DT4H5M6.5S",
                        14_706_500_000L,
                        -3,
                        14,
                        14L * 30 * 86_400_000_000L - 3 * 86_400_000_000L + 14_706_500_000L),
                interval("BIGINT", "PT0S", 0, 0, 0, 0L),
                interval("BIGINT", "PT-0.000001S", -1, 0, 0, -1L),
                interval("BIGINT", "P-1DT2H", 7_200_000_000L, -1, 0, -79_200_000_000L),
                c(
                        type("interval"),
                        "BIGINT",
                        "infinity",
                        concat(i64(Long.MAX_VALUE), i32(Integer.MAX_VALUE), i32(Integer.MAX_VALUE)),
                        Long.MAX_VALUE),
                c(
                        type("interval"),
                        "BIGINT",
                        "1 year 2 mons -3 days +04:05:06.5",
                        null,
                        14L * 30 * 86_400_000_000L - 3 * 86_400_000_000L + 14_706_500_000L),
                c(type("interval"), "BIGINT", "-00:00:01", null, -1_000_000L),
                interval(
                        "STRING",
                        "P1Y2M-3DT4H5M6.5S",
                        14_706_500_000L,
                        -3,
                        14,
                        str("P1Y2M-3DT4H5M6.5S")),
                interval(
                        "STRING",
                        "P-1Y-2M3DT-4H-5M-6.5S",
                        -14_706_500_000L,
                        3,
                        -14,
                        str("P-1Y-2M3DT-4H-5M-6.5S")),
                interval("STRING", "PT0S", 0, 0, 0, str("PT0S")),
                interval("STRING", "PT-0.000001S", -1, 0, 0, str("PT-0.000001S")),
                interval("STRING", "PT1H30M", 5_400_000_000L, 0, 0, str("PT1H30M")),
                interval("STRING", "P-1DT2H", 7_200_000_000L, -1, 0, str("P-1DT2H")),
                interval("STRING", "PT-1.01S", -1_010_000, 0, 0, str("PT-1.01S")),
                c(
                        type("inet"),
                        "STRING",
                        "192.168.0.1",
                        inet(2, 32, false, "c0a80001"),
                        str("192.168.0.1")),
                c(
                        type("inet"),
                        "STRING",
                        "192.168.0.1/24",
                        inet(2, 24, false, "c0a80001"),
                        str("192.168.0.1/24")),
                c(
                        type("cidr"),
                        "STRING",
                        "10.0.0.0/32",
                        inet(2, 32, true, "0a000000"),
                        str("10.0.0.0/32")),
                v6("::1", "00000000000000000000000000000001", 128),
                v6("::", "00000000000000000000000000000000", 128),
                v6("2001:db8::1", "20010db8000000000000000000000001", 128),
                v6("2001:db8:0:1:1:1:1:1", "20010db8000000010001000100010001", 128),
                v6("2001:0:0:1::1", "20010000000000010000000000000001", 128),
                v6("fe80::/64", "fe800000000000000000000000000000", 64),
                v6("::ffff:1.2.3.4", "00000000000000000000ffff01020304", 128),
                v6("::1.2.3.4", "00000000000000000000000001020304", 128),
                v6("1::", "00010000000000000000000000000000", 128),
                c(
                        type("macaddr"),
                        "STRING",
                        "08:00:2b:01:02:03",
                        hex("08002b010203"),
                        str("08:00:2b:01:02:03")),
                c(
                        type("macaddr8"),
                        "STRING",
                        "08:00:2b:01:02:03:04:05",
                        hex("08002b0102030405"),
                        str("08:00:2b:01:02:03:04:05")),
                c(type("bool"), "STRING", "t", new byte[] {1}, str("t")),
                c(type("xml"), "STRING", "<a>ü</a>", utf8("<a>ü</a>"), str("<a>ü</a>")));
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

    private static Arguments interval(
            String flink, String text, long micros, int days, int months, Object expected) {
        return c(
                type("interval"),
                flink,
                text,
                concat(i64(micros), i32(days), i32(months)),
                expected);
    }

    private static Arguments v6(String text, String address, int bits) {
        return c(type("inet"), "STRING", text, inet(3, bits, false, address), str(text));
    }

    static byte[] bits(int n, int... packed) {
        byte[] data = new byte[packed.length];
        for (int i = 0; i < packed.length; i++) {
            data[i] = (byte) packed[i];
        }
        return concat(i32(n), data);
    }

    static byte[] inet(int family, int bits, boolean cidr, String address) {
        byte[] a = hex(address);
        return concat(
                new byte[] {(byte) family, (byte) bits, (byte) (cidr ? 1 : 0), (byte) a.length}, a);
    }
}
