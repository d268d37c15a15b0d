package io.neoncdc.postgres.convert;

import static io.neoncdc.postgres.convert.ConvertSamples.days;
import static io.neoncdc.postgres.convert.ConvertSamples.ltz;
import static io.neoncdc.postgres.convert.ScalarConverterTest.dec;
import static io.neoncdc.postgres.convert.ScalarConverterTest.str;
import static io.neoncdc.postgres.convert.TypeCase.column;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericMapData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.StringData;

/** The rest of the type system for {@link ConvertITCase}: issue 4's full list. */
final class ConvertSamples2 {
    static final String[] SETUP = {
        "CREATE EXTENSION IF NOT EXISTS hstore",
        "CREATE EXTENSION IF NOT EXISTS citext",
        "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy ☺')",
        "CREATE TYPE address AS (street text, no int, note text, tags text[])",
        "CREATE DOMAIN posint AS integer CHECK (VALUE > 0)",
        "CREATE DOMAIN price AS numeric(10,2)"
    };
    private static final long DAY = 86_400_000_000L;

    private ConvertSamples2() {}

    static List<TypeCase> cases() {
        List<TypeCase> cases = new java.util.ArrayList<>(scalars());
        cases.addAll(arrays());
        cases.addAll(structured());
        cases.addAll(textOnly());
        return cases;
    }

    static List<TypeCase> scalars() {
        return Arrays.asList(
                column("money")
                        .value("1234.56", dec("1234.56", 19, 2))
                        .value("-0.01", dec("-0.01", 19, 2))
                        .value("'-92233720368547758.08'", dec("-92233720368547758.08", 19, 2))
                        .value("'92233720368547758.07'", dec("92233720368547758.07", 19, 2)),
                column("citext").value("'MiXeD Çase'", str("MiXeD Çase")),
                column("xml")
                        .value("'<a>ü</a>'", str("<a>ü</a>"))
                        .value("'<?xml version=\"1.0\"?><a/>'", str("<a/>"))
                        .value(
                                "'<?xml version=\"1.0\" standalone=\"yes\"?><a/>'",
                                str("<?xml version=\"1.0\" standalone=\"yes\"?><a/>"))
                        .value("'just text'", str("just text")),
                column("mood").value("'happy ☺'", str("happy ☺")).value("'sad'", str("sad")),
                column("inet")
                        .value("'192.168.0.1'", str("192.168.0.1"))
                        .value("'192.168.0.1/24'", str("192.168.0.1/24"))
                        .value("'::1'", str("::1"))
                        .value("'2001:DB8:0:0:1:0:0:1'", str("2001:db8::1:0:0:1"))
                        .value("'2001:db8:0:1:1:1:1:1/64'", str("2001:db8:0:1:1:1:1:1/64"))
                        .value("'::ffff:1.2.3.4'", str("::ffff:1.2.3.4"))
                        .value("'::1.2.3.4'", str("::1.2.3.4"))
                        .value("'1::'", str("1::"))
                        .value("'::'", str("::")),
                column("cidr")
                        .value("'10.0.0.0/8'", str("10.0.0.0/8"))
                        .value("'10.1.2.3/32'", str("10.1.2.3/32"))
                        .value("'2001:db8::/32'", str("2001:db8::/32")),
                column("macaddr").value("'08:00:2B:01:02:03'", str("08:00:2b:01:02:03")),
                column("macaddr8")
                        .value("'08:00:2b:01:02:03:04:05'", str("08:00:2b:01:02:03:04:05")),
                column("bit(1)").value("B'1'", true).value("B'0'", false),
                column("bit(10)").value("B'1010000011'", Wire.hex("a0c0")),
                column("varbit").value("B''", new byte[0]).value("B'101'", Wire.hex("a0")),
                column("varbit(8)").as("STRING").value("B'00101'", str("00101")),
                column("timetz")
                        .value("'12:34:56.5+05:30'", str("12:34:56.5+05:30"))
                        .value("'00:00:00-08'", str("00:00:00-08"))
                        .value("'24:00:00+00'", str("24:00:00+00"))
                        .value("'01:02:03.000001+00:53:28'", str("01:02:03.000001+00:53:28")),
                column("interval")
                        .value(
                                "'1 year 2 mons -3 days 04:05:06.5'",
                                14 * 30 * DAY - 3 * DAY + 14_706_500_000L)
                        .value("'0'", 0L)
                        .value("'-0.000001 sec'", -1L)
                        .value("'-1 day +2 hours'", -DAY + 7_200_000_000L)
                        .fails("'178000000 years'", "does not fit BIGINT"),
                column("interval")
                        .as("STRING")
                        .value("'1 year 2 mons -3 days 04:05:06.5'", str("P1Y2M-3DT4H5M6.5S"))
                        .value(
                                "'-1 year -2 mons +3 days -04:05:06.5'",
                                str("P-1Y-2M3DT-4H-5M-6.5S"))
                        .value("'0'", str("PT0S"))
                        .value("'-0.000001 sec'", str("PT-0.000001S"))
                        .value("'1.5 hours'", str("PT1H30M"))
                        .value("'178000000 years'", str("P178000000Y")),
                column("interval")
                        .since(150000) // older servers reject such large hour fields
                        .as("STRING")
                        .value(
                                "'-2147483648 days -2562047788 hours'",
                                str("P-2147483648DT-2562047788H")),
                column("interval")
                        .since(170000)
                        .value("'infinity'", Long.MAX_VALUE)
                        .value("'-infinity'", Long.MIN_VALUE),
                column("interval")
                        .since(170000)
                        .as("STRING")
                        .value("'infinity'", str("infinity"))
                        .value("'-infinity'", str("-infinity")),
                column("posint").value("5", 5),
                column("price").value("'12.345'", dec("12.35", 10, 2)),
                column("boolean").as("STRING").value("true", str("t")),
                column("inet").as("STRING").value("'1.2.3.4'", str("1.2.3.4")));
    }

    static List<TypeCase> arrays() {
        return Arrays.asList(
                column("int[]")
                        .value("'{1,NULL,-3}'", arr(1, null, -3))
                        .value("'{}'", arr())
                        .value("'[0:1]={5,6}'", arr(5, 6))
                        .value("ARRAY[NULL::int]", arr((Object) null)),
                column("int[]")
                        .as("ARRAY<ARRAY<INT>>")
                        .value("'{{1,NULL},{3,4}}'", arr(arr(1, null), arr(3, 4)))
                        .value("'{}'", arr())
                        .fails("'{1,2}'", "dimension"),
                column("int[][][]")
                        .as("ARRAY<ARRAY<ARRAY<INT>>>")
                        .value("'{{{1,2}},{{3,4}}}'", arr(arr(arr(1, 2)), arr(arr(3, 4)))),
                column("text[]")
                        .value(
                                "'{plain,\"a"
                                    + " b\",\"q\\\"uote\",\"back\\\\slash\",\"NULL\",NULL,\"\",ü}'",
                                arr(
                                        str("plain"),
                                        str("a b"),
                                        str("q\"uote"),
                                        str("back\\slash"),
                                        str("NULL"),
                                        null,
                                        str(""),
                                        str("ü")))
                        .value(
                                "'{\"{braces}\",\"com,ma\",\" lead\"}'",
                                arr(str("{braces}"), str("com,ma"), str(" lead"))),
                column("text[]")
                        .as("ARRAY<ARRAY<STRING>>")
                        .value(
                                "'{{\"a b\",NULL},{\"\\\"\",\"\"}}'",
                                arr(arr(str("a b"), null), arr(str("\""), str("")))),
                column("boolean[]").value("'{t,f,NULL}'", arr(true, false, null)),
                column("numeric(6,2)[]")
                        .value("'{1.5,NULL,-2}'", arr(dec("1.50", 6, 2), null, dec("-2.00", 6, 2))),
                column("date[]")
                        .value(
                                "'{2024-01-01,infinity,0044-03-15 BC}'",
                                arr(
                                        days(LocalDate.of(2024, 1, 1)),
                                        days(LocalDate.of(9999, 12, 31)),
                                        days(LocalDate.of(-43, 3, 15)))),
                column("timestamptz[]")
                        .value("'{\"2024-01-02 03:04:05+00\"}'", arr(ltz("2024-01-02T03:04:05Z"))),
                column("uuid[]")
                        .value(
                                "'{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}'",
                                arr(str("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"))),
                column("bytea[]")
                        .value("ARRAY['\\x00ff'::bytea, NULL]", arr(Wire.hex("00ff"), null)),
                column("jsonb[]").value("ARRAY['{\"a\":1}'::jsonb]", arr(str("{\"a\": 1}"))),
                column("interval[]")
                        .as("ARRAY<STRING>")
                        .value("'{1 day,PT1S}'", arr(str("P1D"), str("PT1S"))),
                column("mood[]").value("'{sad,\"happy ☺\"}'", arr(str("sad"), str("happy ☺"))),
                column("inet[]").value("'{::1,10.0.0.1/8}'", arr(str("::1"), str("10.0.0.1/8"))),
                column("box[]")
                        .value(
                                "ARRAY['((1,2),(3,4))'::box, '((0,0),(1,1))']",
                                arr(str("(3,4),(1,2)"), str("(1,1),(0,0)"))),
                column("point[]").value("'{\"(1,2)\",NULL}'", arr(str("(1,2)"), null)),
                column("int[]").as("STRING").value("'{{1,NULL},{3,4}}'", str("{{1,NULL},{3,4}}")));
    }

    static List<TypeCase> structured() {
        Map<StringData, StringData> map = new HashMap<>();
        map.put(str("a"), str("b"));
        map.put(str("n"), null);
        map.put(str("k\"q"), str("v\\w"));
        map.put(str("sp ace"), str(""));
        String addressRow = "ROW<street STRING, no INT, note STRING, tags ARRAY<STRING>>";
        return Arrays.asList(
                column("hstore")
                        .value(
                                "'\"a\"=>\"b\", \"n\"=>NULL, \"k\\\"q\"=>\"v\\\\w\", \"sp"
                                        + " ace\"=>\"\"'",
                                new GenericMapData(map))
                        .value("''", new GenericMapData(new HashMap<>())),
                column("hstore").as("STRING").value("'a=>b'", str("\"a\"=>\"b\"")),
                column("address")
                        .as(addressRow)
                        .value(
                                "ROW('Main \"St\"', 7, NULL, ARRAY['x', NULL])::address",
                                GenericRowData.of(str("Main \"St\""), 7, null, arr(str("x"), null)))
                        .value(
                                "ROW('', NULL, 'a,b (c)\\\\', '{}')::address",
                                GenericRowData.of(str(""), null, str("a,b (c)\\\\"), arr())),
                column("address")
                        .as("ROW<no INT, tags ARRAY<STRING>>")
                        .value("ROW('x', 1, 'y', NULL)::address", GenericRowData.of(1, null)),
                column("address")
                        .value(
                                "ROW('Main St', 7, NULL, '{}')::address",
                                str("(\"Main St\",7,,{})")),
                column("address[]")
                        .as("ARRAY<" + addressRow + ">")
                        .value(
                                "ARRAY[ROW('a', 1, NULL, NULL)::address, NULL]",
                                arr(GenericRowData.of(str("a"), 1, null, null), null)));
    }

    static List<TypeCase> textOnly() {
        return Arrays.asList(
                column("int4range").value("'[1,5)'", str("[1,5)")).value("'empty'", str("empty")),
                column("numrange").value("'(1.5,)'", str("(1.5,)")),
                column("tstzrange")
                        .value(
                                "'[2024-01-01 00:00+00,2024-01-02 00:00+00)'",
                                str("[\"2024-01-01 00:00:00+00\",\"2024-01-02 00:00:00+00\")")),
                column("daterange")
                        .value("'[2024-01-01,2024-02-01)'", str("[2024-01-01,2024-02-01)")),
                column("int4multirange")
                        .since(140000)
                        .value("'{[1,3),[5,7)}'", str("{[1,3),[5,7)}")),
                column("point").value("'(1.5,2)'", str("(1.5,2)")),
                column("line").value("'{1,-1,0}'", str("{1,-1,0}")),
                column("lseg").value("'[(0,0),(1,1)]'", str("[(0,0),(1,1)]")),
                column("box").value("'((1,2),(3,4))'", str("(3,4),(1,2)")),
                column("path").value("'[(0,0),(1,1),(2,0)]'", str("[(0,0),(1,1),(2,0)]")),
                column("polygon").value("'((0,0),(1,1),(2,0))'", str("((0,0),(1,1),(2,0))")),
                column("circle").value("'<(1,2),3>'", str("<(1,2),3>")),
                column("tsvector").value("'a fat cat'", str("'a' 'cat' 'fat'")),
                column("tsquery").value("'fat & rat'", str("'fat' & 'rat'")),
                column("double precision")
                        .as("STRING")
                        .value("'0.1'", str("0.1"))
                        .value("'1e100'", str("1e+100")),
                column("date").as("STRING").value("'0044-03-15 BC'", str("0044-03-15 BC")),
                column("timestamptz")
                        .as("STRING")
                        .value("'2024-01-02 03:04:05+00'", str("2024-01-02 03:04:05+00")),
                column("money").as("STRING").value("'12.5'", str("$12.50")),
                column("\"char\"").value("'x'", str("x")),
                column("pg_lsn").value("'0/16B3748'", str("0/16B3748")),
                column("oid").value("4294967295", 4294967295L));
    }

    static GenericArrayData arr(Object... values) {
        return new GenericArrayData(values);
    }
}
