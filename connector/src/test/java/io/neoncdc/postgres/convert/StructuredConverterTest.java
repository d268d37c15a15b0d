package io.neoncdc.postgres.convert;

import static io.neoncdc.postgres.convert.ConverterTestTypes.arrayOf;
import static io.neoncdc.postgres.convert.ConverterTestTypes.flink;
import static io.neoncdc.postgres.convert.ConverterTestTypes.type;
import static io.neoncdc.postgres.convert.ScalarConverterTest.str;
import static io.neoncdc.postgres.convert.Wire.concat;
import static io.neoncdc.postgres.convert.Wire.i32;
import static io.neoncdc.postgres.convert.Wire.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.neoncdc.postgres.catalog.PgType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericMapData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.StringData;
import org.junit.jupiter.api.Test;

/** Arrays (NULLs, quoting, several dimensions), hstore and composite types, both forms. */
class StructuredConverterTest {
    private static final PgType INT4_ARRAY = arrayOf(type("int4"));
    private static final PgType TEXT_ARRAY = arrayOf(type("text"));

    @Test
    void oneDimensionalArraysWithNulls() {
        ValueConverter c = converter(INT4_ARRAY, "ARRAY<INT>");
        byte[] binary = array(23, new int[] {3}, i32(1), null, i32(-3));
        ConverterAssertions.assertConverts(c, "{1,NULL,-3}", binary, ints(1, null, -3));
        ConverterAssertions.assertConverts(
                c, "{}", concat(i32(0), i32(0), i32(23)), new GenericArrayData(new Object[0]));
        ConverterAssertions.assertConverts(c, "[0:1]={5,6}", null, ints(5, 6));
    }

    @Test
    void textElementsAreUnquotedAndUnescaped() {
        ValueConverter c = converter(TEXT_ARRAY, "ARRAY<STRING>");
        String text =
                "{plain,\"a b\",\"q\\\"uote\",\"back\\\\slash\",\"NULL\",NULL,\"\",ü,\"{x}\"}";
        byte[] binary =
                array(
                        25,
                        new int[] {9},
                        utf8("plain"),
                        utf8("a b"),
                        utf8("q\"uote"),
                        utf8("back\\slash"),
                        utf8("NULL"),
                        null,
                        utf8(""),
                        utf8("ü"),
                        utf8("{x}"));
        GenericArrayData expected =
                new GenericArrayData(
                        new Object[] {
                            str("plain"),
                            str("a b"),
                            str("q\"uote"),
                            str("back\\slash"),
                            str("NULL"),
                            null,
                            str(""),
                            str("ü"),
                            str("{x}")
                        });
        ConverterAssertions.assertConverts(c, text, binary, expected);
    }

    @Test
    void multiDimensionalArraysNest() {
        ValueConverter c = converter(INT4_ARRAY, "ARRAY<ARRAY<INT>>");
        byte[] binary = array(23, new int[] {2, 2}, i32(1), i32(2), null, i32(4));
        GenericArrayData expected = new GenericArrayData(new Object[] {ints(1, 2), ints(null, 4)});
        ConverterAssertions.assertConverts(c, "{{1,2},{NULL,4}}", binary, expected);
        ConverterAssertions.assertConverts(
                c, "{}", concat(i32(0), i32(0), i32(23)), new GenericArrayData(new Object[0]));
    }

    @Test
    void dimensionMismatchFailsWithTheColumn() {
        ValueConverter c = converter(INT4_ARRAY, "ARRAY<INT>");
        byte[] text = "{{1},{2}}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> c.fromText(text, 0, text.length))
                .isInstanceOf(ValueConversionException.class)
                .hasMessageContaining("public.t.c")
                .hasMessageContaining("dimensions");
        byte[] binary = array(23, new int[] {2, 1}, i32(1), i32(2));
        assertThatThrownBy(() -> c.fromBinary(binary, 0, binary.length))
                .isInstanceOf(ValueConversionException.class)
                .hasMessageContaining("2 dimension(s)");
        byte[] huge = concat(i32(1), i32(0), i32(23), i32(Integer.MAX_VALUE), i32(1));
        assertThatThrownBy(() -> c.fromBinary(huge, 0, huge.length))
                .isInstanceOf(ValueConversionException.class)
                .hasMessageContaining("bad dimensions");
    }

    @Test
    void arrayOfTextOnlyElementsIsTextOnly() {
        ValueConverter c = converter(arrayOf(type("point")), "ARRAY<STRING>");
        assertThat(c.hasBinary()).isFalse();
        byte[] text = "{\"(1,2)\",NULL}".getBytes(StandardCharsets.UTF_8);
        assertThat(c.fromText(text, 0, text.length))
                .isEqualTo(new GenericArrayData(new Object[] {str("(1,2)"), null}));
        assertThat(converter(INT4_ARRAY, "STRING").hasBinary()).isFalse();
        assertThatThrownBy(() -> converter(INT4_ARRAY, "ARRAY<SMALLINT>"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("ARRAY<SMALLINT>");
    }

    @Test
    void hstoreBothForms() {
        PgType hstore = new PgType(90001, "public", "hstore", -1, PgType.BASE, 'U', null, null);
        ValueConverter c = converter(hstore, "MAP<STRING, STRING>");
        Map<StringData, StringData> map = new HashMap<>();
        map.put(str("a"), str("b"));
        map.put(str("k\"q"), str("v\\w"));
        map.put(str("n"), null);
        map.put(str("space key"), str(""));
        byte[] binary =
                concat(
                        i32(4),
                        i32(1),
                        utf8("a"),
                        i32(1),
                        utf8("b"),
                        i32(1),
                        utf8("n"),
                        i32(-1),
                        i32(3),
                        utf8("k\"q"),
                        i32(3),
                        utf8("v\\w"),
                        i32(9),
                        utf8("space key"),
                        i32(0));
        ConverterAssertions.assertConverts(
                c,
                "\"a\"=>\"b\", \"n\"=>NULL, \"k\\\"q\"=>\"v\\\\w\", \"space key\"=>\"\"",
                binary,
                new GenericMapData(map));
        ConverterAssertions.assertConverts(c, "", i32(0), new GenericMapData(new HashMap<>()));
        assertThat(ValueConverters.defaultType(hstore)).isEqualTo(flink("MAP<STRING, STRING>"));
    }

    @Test
    void compositeIntoRowByName() {
        PgType composite =
                new PgType(90002, "public", "address", -1, PgType.COMPOSITE, 'C', null, null);
        CompositeTypes types =
                t ->
                        Arrays.asList(
                                new CompositeTypes.Field("street", type("text")),
                                new CompositeTypes.Field("no", type("int4")),
                                new CompositeTypes.Field("note", type("text")),
                                new CompositeTypes.Field("tags", TEXT_ARRAY));
        ValueConverter c =
                ValueConverters.create(
                        composite,
                        flink("ROW<no INT, street STRING, tags ARRAY<STRING>>"),
                        ConversionOptions.defaults(),
                        "public.t.c",
                        types);
        byte[] binary =
                concat(
                        i32(4),
                        i32(25),
                        i32(9),
                        utf8("Main \"St\""),
                        i32(23),
                        i32(4),
                        i32(7),
                        i32(25),
                        i32(-1),
                        i32(1009),
                        i32(-1));
        GenericRowData expected = GenericRowData.of(7, str("Main \"St\""), null);
        ConverterAssertions.assertConverts(c, "(\"Main \"\"St\"\"\",7,,)", binary, expected);
        ConverterAssertions.assertConverts(
                c,
                "(\"\",,x,\"{a,\"\"b c\"\"}\")",
                null,
                GenericRowData.of(
                        null, str(""), new GenericArrayData(new Object[] {str("a"), str("b c")})));
        assertThatThrownBy(
                        () ->
                                ValueConverters.create(
                                        composite,
                                        flink("ROW<zip STRING>"),
                                        ConversionOptions.defaults(),
                                        "public.t.c",
                                        types))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("no attribute zip");
        assertThatThrownBy(() -> converter(composite, "ROW<no INT>"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("public.t.c");
        assertThat(converter(composite, "STRING").hasBinary()).isFalse();
    }

    private static ValueConverter converter(PgType type, String flink) {
        return ConverterTestTypes.converter(type, flink, ConversionOptions.defaults());
    }

    private static GenericArrayData ints(Integer... values) {
        return new GenericArrayData(values);
    }

    /** array_send: ndim, has-null flag, element OID, (dim, lower bound 1)…, elements. */
    static byte[] array(int elementOid, int[] dims, byte[]... elements) {
        byte[] out = concat(i32(dims.length), i32(0), i32(elementOid));
        for (int d : dims) {
            out = concat(out, i32(d), i32(1));
        }
        for (byte[] e : elements) {
            out = e == null ? concat(out, i32(-1)) : concat(out, i32(e.length), e);
        }
        return out;
    }
}
