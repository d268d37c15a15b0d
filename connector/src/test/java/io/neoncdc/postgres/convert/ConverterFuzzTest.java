package io.neoncdc.postgres.convert;

import static io.neoncdc.postgres.convert.ConverterTestTypes.arrayOf;
import static io.neoncdc.postgres.convert.ConverterTestTypes.type;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.neoncdc.postgres.catalog.PgType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of every converter with random and mutated values: a bad value ends in a {@link
 * ValueConversionException} naming the column, never another exception, a hang or a huge allocation
 * (the stream path decodes whatever the server sends).
 */
class ConverterFuzzTest {

    @Test
    void randomValuesOnlyFailWithValueConversionException() {
        List<ValueConverter> converters = converters();
        List<byte[]> seeds = seeds();
        assertTimeoutPreemptively(
                Duration.ofSeconds(60),
                () -> {
                    Random random = new Random(4242);
                    for (int i = 0; i < 200_000; i++) {
                        ValueConverter c = converters.get(random.nextInt(converters.size()));
                        byte[] value = value(random, seeds);
                        tryConvert(c, value, random.nextBoolean());
                    }
                });
    }

    private static void tryConvert(ValueConverter c, byte[] value, boolean binary) {
        try {
            if (binary && c.hasBinary()) {
                c.fromBinary(value, 0, value.length);
            } else {
                c.fromText(value, 0, value.length);
            }
        } catch (ValueConversionException e) {
            if (e.columnRef() == null) {
                throw new AssertionError("no column in " + e.getMessage());
            }
        }
    }

    private static byte[] value(Random random, List<byte[]> seeds) {
        if (random.nextInt(3) == 0) {
            byte[] b = new byte[random.nextInt(40)];
            random.nextBytes(b);
            return b;
        }
        byte[] b = seeds.get(random.nextInt(seeds.size())).clone();
        int flips = 1 + random.nextInt(3);
        for (int f = 0; f < flips && b.length > 0; f++) {
            b[random.nextInt(b.length)] = (byte) random.nextInt(256);
        }
        return random.nextInt(4) == 0 ? Arrays.copyOf(b, random.nextInt(b.length + 1)) : b;
    }

    private static List<ValueConverter> converters() {
        List<ValueConverter> list = new ArrayList<>();
        String[][] pairs = {
            {"int2", "SMALLINT"},
            {"int4", "INT"},
            {"int8", "BIGINT"},
            {"oid", "BIGINT"},
            {"float4", "FLOAT"},
            {"float8", "DOUBLE"},
            {"numeric", "DECIMAL(38, 18)"},
            {"numeric", "DECIMAL(10, 2)"},
            {"numeric", "STRING"},
            {"numeric", "DOUBLE"},
            {"money", "DECIMAL(19, 2)"},
            {"bool", "BOOLEAN"},
            {"bool", "STRING"},
            {"text", "STRING"},
            {"jsonb", "STRING"},
            {"uuid", "STRING"},
            {"uuid", "BYTES"},
            {"bytea", "BYTES"},
            {"bytea", "STRING"},
            {"bit", "BOOLEAN"},
            {"varbit", "BYTES"},
            {"varbit", "STRING"},
            {"date", "DATE"},
            {"time", "TIME(6)"},
            {"timetz", "STRING"},
            {"timestamp", "TIMESTAMP(6)"},
            {"timestamptz", "TIMESTAMP_LTZ(3)"},
            {"interval", "BIGINT"},
            {"interval", "STRING"},
            {"inet", "STRING"},
            {"macaddr", "STRING"},
            {"macaddr8", "STRING"}
        };
        for (String[] p : pairs) {
            list.add(ConverterTestTypes.converter(p[0], p[1]));
        }
        ConversionOptions o = ConversionOptions.defaults();
        list.add(ConverterTestTypes.converter(arrayOf(type("int4")), "ARRAY<INT>", o));
        list.add(ConverterTestTypes.converter(arrayOf(type("text")), "ARRAY<ARRAY<STRING>>", o));
        list.add(ConverterTestTypes.converter(arrayOf(type("numeric")), "ARRAY<STRING>", o));
        PgType hstore = new PgType(90001, "public", "hstore", -1, PgType.BASE, 'U', null, null);
        list.add(ConverterTestTypes.converter(hstore, "MAP<STRING, STRING>", o));
        PgType composite = new PgType(9, "public", "c", -1, PgType.COMPOSITE, 'C', null, null);
        list.add(
                ValueConverters.create(
                        composite,
                        ConverterTestTypes.flink("ROW<a INT, b ARRAY<INT>, c STRING>"),
                        o,
                        "public.t.c",
                        t ->
                                Arrays.asList(
                                        new CompositeTypes.Field("a", type("int4")),
                                        new CompositeTypes.Field("b", arrayOf(type("int4"))),
                                        new CompositeTypes.Field("c", type("text")))));
        return list;
    }

    private static List<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        String[] texts = {
            "123",
            "-1.5",
            "NaN",
            "2024-01-02",
            "2024-01-02 03:04:05.5+05:30",
            "12:00:00",
            "P1Y2M3DT4H5M6.5S",
            "1 year 2 mons",
            "{1,NULL,3}",
            "{{\"a\",b},{c,\"\\\"\"}}",
            "\"a\"=>\"b\", \"c\"=>NULL",
            "(1,\"{1,2}\",x)",
            "\\xdeadbeef",
            "$1,234.56",
            "t",
            "10101",
            "0044-03-15 BC",
            "infinity"
        };
        for (String t : texts) {
            seeds.add(Wire.utf8(t));
        }
        seeds.add(Wire.numeric("12345.678"));
        seeds.add(Wire.numeric("-0.0000001"));
        seeds.add(
                StructuredConverterTest.array(
                        23, new int[] {2, 2}, Wire.i32(1), null, Wire.i32(3), Wire.i32(4)));
        seeds.add(Wire.concat(Wire.i32(1), Wire.i32(1), Wire.utf8("a"), Wire.i32(-1)));
        seeds.add(
                Wire.concat(
                        Wire.i32(3),
                        Wire.i32(23),
                        Wire.i32(4),
                        Wire.i32(1),
                        Wire.i32(1007),
                        Wire.i32(-1),
                        Wire.i32(25),
                        Wire.i32(1),
                        Wire.utf8("x")));
        seeds.add(Wire.concat(Wire.i64(1), Wire.i32(2), Wire.i32(3)));
        seeds.add(new byte[] {3, 64, 0, 16, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
        return seeds;
    }
}
