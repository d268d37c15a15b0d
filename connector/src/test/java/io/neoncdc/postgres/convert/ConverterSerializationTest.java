package io.neoncdc.postgres.convert;

import static io.neoncdc.postgres.convert.ConverterTestTypes.arrayOf;
import static io.neoncdc.postgres.convert.ConverterTestTypes.type;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

/** Converters travel to the TaskManagers inside the source: they survive Java serialization. */
class ConverterSerializationTest {

    @Test
    void convertersWorkAfterASerializationRoundTrip() throws Exception {
        ConversionOptions options =
                ConversionOptions.defaults()
                        .withBinaryRepresentation(ConversionOptions.BinaryRepresentation.HEX);
        Object[][] cases = {
            {ConverterTestTypes.converter("numeric", "DECIMAL(10, 2)"), "12.345"},
            {
                ConverterTestTypes.converter("timestamptz", "TIMESTAMP_LTZ(3)"),
                "2024-01-02 03:04:05+01"
            },
            {ConverterTestTypes.converter("point", "STRING"), "(1,2)"},
            {ConverterTestTypes.converter(type("bytea"), "STRING", options), "\\x0aff"},
            {
                ConverterTestTypes.converter(arrayOf(type("int4")), "ARRAY<ARRAY<INT>>", options),
                "{{1,NULL}}"
            },
            {
                ValueConverters.create(
                        new io.neoncdc.postgres.catalog.PgType(
                                9, "public", "c", -1, 'c', 'C', null, null),
                        ConverterTestTypes.flink("ROW<a INT>"),
                        options,
                        "public.t.c",
                        t -> Arrays.asList(new CompositeTypes.Field("a", type("int4")))),
                "(5)"
            }
        };
        for (Object[] c : cases) {
            ValueConverter original = (ValueConverter) c[0];
            byte[] text = ((String) c[1]).getBytes(StandardCharsets.UTF_8);
            ValueConverter copy = InstantiationUtil.clone(original, getClass().getClassLoader());
            assertThat(copy.fromText(text, 0, text.length))
                    .isEqualTo(original.fromText(text, 0, text.length));
            assertThat(copy.hasBinary()).isEqualTo(original.hasBinary());
        }
        assertThat(InstantiationUtil.clone(options)).isEqualTo(options);
    }
}
