package io.neoncdc.postgres.convert;

import static io.neoncdc.postgres.convert.ConverterTestTypes.converter;
import static io.neoncdc.postgres.convert.ConverterTestTypes.flink;
import static io.neoncdc.postgres.convert.ConverterTestTypes.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.apache.flink.table.api.ValidationException;
import org.junit.jupiter.api.Test;

/** Failures: at job start for types that cannot hold, at run time for values, never NULL. */
class ConverterErrorsTest {

    @Test
    void declaredTypeThatCannotHoldFailsAtCreationNamingColumnAndTypes() {
        assertThatThrownBy(() -> converter("int4", "SMALLINT"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("public.t.c")
                .hasMessageContaining("pg_catalog.int4")
                .hasMessageContaining("SMALLINT");
        assertThatThrownBy(() -> converter("text", "INT")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> converter("timestamptz", "TIMESTAMP(6)"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("TIMESTAMP_LTZ(6)");
        assertThatThrownBy(() -> converter("float8", "FLOAT"))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> converter("int8", "DOUBLE"))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void anyTypeCanBeReadAsStringThroughItsTextForm() {
        for (String t :
                new String[] {"point", "tsvector", "int4range", "float8", "date", "money"}) {
            ValueConverter c = converter(t, "STRING");
            assertThat(c.hasBinary()).as(t).isFalse();
            assertThat(c.fromText(bytes("(1,2)"), 0, 5).toString()).isEqualTo("(1,2)");
        }
    }

    @Test
    void decimalOverflowFailsWithColumnAndValue() {
        ValueConverter c = converter("numeric", "DECIMAL(5, 2)");
        assertThatThrownBy(() -> c.fromText(bytes("1234.5"), 0, 6))
                .isInstanceOf(ValueConversionException.class)
                .hasMessageContaining("public.t.c")
                .hasMessageContaining("1234.5")
                .hasMessageContaining("DECIMAL(5, 2)");
        byte[] bin = Wire.numeric("-99999999999999999999999.1");
        assertThatThrownBy(() -> c.fromBinary(bin, 0, bin.length))
                .isInstanceOf(ValueConversionException.class)
                .hasMessageContaining("-99999999999999999999999.1");
        assertThatThrownBy(() -> c.fromText(bytes("NaN"), 0, 3))
                .isInstanceOf(ValueConversionException.class)
                .hasMessageContaining("NaN")
                .hasMessageContaining("STRING");
        byte[] inf = Wire.numericSpecial(0xD000);
        assertThatThrownBy(() -> c.fromBinary(inf, 0, inf.length)).hasMessageContaining("Infinity");
        assertThat(c.fromText(bytes("999.994"), 0, 7).toString()).isEqualTo("999.99");
        assertThatThrownBy(() -> c.fromText(bytes("999.995"), 0, 7))
                .isInstanceOf(ValueConversionException.class);
    }

    @Test
    void malformedValuesFailWithColumnAndValue() {
        ValueConverter c = converter("int4", "INT");
        assertThatThrownBy(() -> c.fromText(bytes("12x"), 0, 3))
                .isInstanceOf(ValueConversionException.class)
                .hasMessageContaining("public.t.c")
                .hasMessageContaining("12x");
        assertThatThrownBy(() -> c.fromBinary(new byte[3], 0, 3))
                .isInstanceOf(ValueConversionException.class)
                .hasMessageContaining("public.t.c");
        ValueConverter ts = converter("timestamptz", "TIMESTAMP_LTZ(3)");
        assertThatThrownBy(() -> ts.fromText(bytes("2024-13-01 00:00:00+00"), 0, 22))
                .isInstanceOf(ValueConversionException.class)
                .hasMessageContaining("2024-13-01");
    }

    @Test
    void infinityFailsWhenAskedTo() {
        ConversionOptions fail =
                ConversionOptions.defaults()
                        .withInfinityHandling(ConversionOptions.InfinityHandling.FAIL);
        ValueConverter c = ConverterTestTypes.converter(type("date"), "DATE", fail);
        assertThatThrownBy(() -> c.fromText(bytes("infinity"), 0, 8))
                .isInstanceOf(ValueConversionException.class)
                .hasMessageContaining("public.t.c")
                .hasMessageContaining("infinity");
    }

    @Test
    void defaultTypes() {
        assertThat(ValueConverters.defaultType(type("int2"))).isEqualTo(flink("SMALLINT"));
        assertThat(ValueConverters.defaultType(type("numeric")))
                .isEqualTo(flink("DECIMAL(38, 18)"));
        assertThat(
                        ValueConverters.defaultType(
                                type("numeric", ConverterTestTypes.numericTypmod(12, 2))))
                .isEqualTo(flink("DECIMAL(12, 2)"));
        assertThat(
                        ValueConverters.defaultType(
                                type("numeric", ConverterTestTypes.numericTypmod(3, -2))))
                .isEqualTo(flink("DECIMAL(5, 0)"));
        assertThat(
                        ValueConverters.defaultType(
                                type("numeric", ConverterTestTypes.numericTypmod(50, 2))))
                .isEqualTo(flink("STRING"));
        assertThat(ValueConverters.defaultType(type("timestamptz", 3)))
                .isEqualTo(flink("TIMESTAMP_LTZ(3)"));
        assertThat(ValueConverters.defaultType(type("timestamp"))).isEqualTo(flink("TIMESTAMP(6)"));
        assertThat(ValueConverters.defaultType(type("time", 0))).isEqualTo(flink("TIME(0)"));
        assertThat(ValueConverters.defaultType(type("bytea"))).isEqualTo(flink("BYTES"));
        assertThat(ValueConverters.defaultType(type("jsonb"))).isEqualTo(flink("STRING"));
        assertThat(ValueConverters.defaultType(type("bit", 1))).isEqualTo(flink("BOOLEAN"));
        assertThat(ValueConverters.defaultType(type("bit", 8))).isEqualTo(flink("BYTES"));
        assertThat(ValueConverters.defaultType(type("interval"))).isEqualTo(flink("BIGINT"));
        assertThat(ValueConverters.defaultType(type("money"))).isEqualTo(flink("DECIMAL(19, 2)"));
        assertThat(ValueConverters.defaultType(ConverterTestTypes.arrayOf(type("int4"))))
                .isEqualTo(flink("ARRAY<INT>"));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
