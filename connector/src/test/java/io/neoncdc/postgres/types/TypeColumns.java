package io.neoncdc.postgres.types;

import static io.neoncdc.postgres.types.TypeColumn.col;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.util.EnvironmentInformation;

/**
 * The columns of the all-types table (DESIGN §7): every mapped PostgreSQL type with an edge-case
 * sample, and a one-dimensional array of each plus multi-dimensional arrays.
 */
final class TypeColumns {
    /** Extensions and user-defined types the columns use. */
    static final String[] SETUP = {
        "CREATE EXTENSION IF NOT EXISTS hstore",
        "CREATE EXTENSION IF NOT EXISTS citext",
        "CREATE TYPE mood AS ENUM ('sad', 'happy ☺')",
        "CREATE TYPE address AS (street text, zip int, tags text[])",
        "CREATE DOMAIN positive_int AS integer CHECK (VALUE > 0)"
    };

    /**
     * Flink 1.x's DDL turns TIME(3) into TIME(0) (FLINK-17224), so the column holds whole seconds
     * there; README says so for the 1.20 jar.
     */
    private static final String TIME_3 =
            EnvironmentInformation.getVersion().startsWith("1.") ? "12:34:56" : "12:34:56.789";

    private static final String MULTIRANGE = "multirange types exist from PostgreSQL 14";
    private static final String NUMERIC_INF = "numeric ±Infinity exists from PostgreSQL 14";

    private TypeColumns() {}

    /** Every column for a server of this version (scalars, their arrays, multi-D arrays). */
    static List<TypeColumn> forServer(int version) {
        List<TypeColumn> result = new ArrayList<>();
        for (TypeColumn c : scalars()) {
            if (c.minVersion <= version) {
                result.add(c);
                if (c.array) {
                    result.add(c.asArray());
                }
            }
        }
        result.addAll(multiDimensional());
        return result;
    }

    /** The columns left out on a server of this version, with the reason. */
    static List<String> skipped(int version) {
        List<String> result = new ArrayList<>();
        for (TypeColumn c : scalars()) {
            if (c.minVersion > version) {
                result.add(c.name + " (" + c.versionReason + ")");
            }
        }
        return result;
    }

    static List<TypeColumn> scalars() {
        List<TypeColumn> c = new ArrayList<>();
        c.add(col("c_int2", "smallint", "SMALLINT", "-32768", "-32768"));
        c.add(col("c_int4", "integer", "INT", "2147483647", "2147483647"));
        c.add(col("c_int8", "bigint", "BIGINT", "-9223372036854775808", "-9223372036854775808"));
        c.add(col("c_smallserial", "smallserial", "SMALLINT", "7", "7").notNull());
        c.add(col("c_serial", "serial", "INT", "8", "8").notNull());
        c.add(col("c_bigserial", "bigserial", "BIGINT", "9", "9").notNull());
        c.add(col("c_oid", "oid", "BIGINT", "4294967295", "4294967295"));
        c.add(
                col(
                        "c_num",
                        "numeric(12,4)",
                        "DECIMAL(12, 4)",
                        "'-12345678.1234'",
                        "-12345678.1234"));
        c.add(
                col(
                        "c_num_free",
                        "numeric",
                        "DECIMAL(38, 18)",
                        "'3.141592653589793238'",
                        "3.141592653589793238"));
        c.add(
                col(
                        "c_num_big",
                        "numeric",
                        "STRING",
                        "'123456789012345678901234567890123456789012.000000000000000000001'",
                        "123456789012345678901234567890123456789012.000000000000000000001"));
        c.add(col("c_num_nan", "numeric", "STRING", "'NaN'", "NaN"));
        c.add(
                col("c_num_inf", "numeric", "STRING", "'Infinity'", "Infinity")
                        .since(140000, NUMERIC_INF));
        c.add(
                col("c_num_ninf", "numeric", "STRING", "'-Infinity'", "-Infinity")
                        .since(140000, NUMERIC_INF));
        c.add(
                col(
                        "c_money",
                        "money",
                        "DECIMAL(19, 2)",
                        "'-92233720368547758.08'",
                        "-92233720368547758.08"));
        c.add(col("c_real", "real", "FLOAT", "'1.5'", "1.5"));
        c.add(col("c_real_nan", "real", "FLOAT", "'NaN'", "NaN"));
        c.add(col("c_real_inf", "real", "FLOAT", "'Infinity'", "Infinity"));
        c.add(col("c_double", "double precision", "DOUBLE", "'0.1'", "0.1"));
        c.add(col("c_double_ninf", "double precision", "DOUBLE", "'-Infinity'", "-Infinity"));
        c.add(col("c_double_nan", "double precision", "DOUBLE", "'NaN'", "NaN"));
        c.add(col("c_bool", "boolean", "BOOLEAN", "true", "true"));
        c.add(col("c_char", "char(5)", "STRING", "'ab'", "ab   "));
        c.add(col("c_varchar", "varchar(20)", "STRING", "'héllo wörld'", "héllo wörld"));
        c.add(col("c_text", "text", "STRING", "E'line\\n\"q\" \\\\ 🚀'", "line\n\"q\" \\ 🚀"));
        c.add(col("c_citext", "citext", "STRING", "'MiXeD'", "MiXeD"));
        c.add(col("c_name", "name", "STRING", "'a_name'", "a_name"));
        c.add(col("c_bytea", "bytea", "BYTES", "'\\x00ff10'", "0x00ff10"));
        c.add(col("c_bytea_str", "bytea", "STRING", "'\\x00ff10fb'", "AP8Q+w=="));
        c.add(
                col(
                        "c_uuid",
                        "uuid",
                        "STRING",
                        "'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'",
                        "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"));
        c.add(
                col(
                        "c_json",
                        "json",
                        "STRING",
                        "'{\"b\": [1, 2],  \"a\": null}'",
                        "{\"b\": [1, 2],  \"a\": null}"));
        c.add(
                col(
                        "c_jsonb",
                        "jsonb",
                        "STRING",
                        "'{\"b\": [1, 2],  \"a\": null}'",
                        "{\"a\": null, \"b\": [1, 2]}"));
        c.add(col("c_xml", "xml", "STRING", "'<a x=\"1\">t</a>'", "<a x=\"1\">t</a>"));
        c.add(col("c_enum", "mood", "STRING", "'happy ☺'", "happy ☺"));
        c.add(col("c_inet", "inet", "STRING", "'192.168.0.1/24'", "192.168.0.1/24"));
        c.add(col("c_inet6", "inet", "STRING", "'2001:db8::1'", "2001:db8::1"));
        c.add(col("c_cidr", "cidr", "STRING", "'10.0.0.0/8'", "10.0.0.0/8"));
        c.add(col("c_macaddr", "macaddr", "STRING", "'08:00:2B:01:02:03'", "08:00:2b:01:02:03"));
        c.add(
                col(
                        "c_macaddr8",
                        "macaddr8",
                        "STRING",
                        "'08:00:2b:01:02:03:04:05'",
                        "08:00:2b:01:02:03:04:05"));
        c.add(col("c_bit1", "bit(1)", "BOOLEAN", "B'1'", "true"));
        c.add(col("c_bit", "bit(10)", "BYTES", "B'1010101011'", "0xaac0"));
        c.add(col("c_varbit", "varbit(16)", "BYTES", "B'101'", "0xa0"));
        c.add(col("c_date", "date", "DATE", "'2024-02-29'", "2024-02-29"));
        c.add(col("c_date_bc", "date", "DATE", "'0044-03-15 BC'", "-0043-03-15"));
        c.add(col("c_date_inf", "date", "DATE", "'infinity'", "9999-12-31"));
        c.add(col("c_date_ninf", "date", "DATE", "'-infinity'", "0000-01-01"));
        c.add(col("c_time", "time(3)", "TIME(3)", "'12:34:56.789'", TIME_3));
        c.add(col("c_timetz", "timetz", "STRING", "'12:34:56.789+05:30'", "12:34:56.789+05:30"));
        c.add(
                col(
                        "c_ts",
                        "timestamp(6)",
                        "TIMESTAMP(6)",
                        "'2024-01-02 03:04:05.123456'",
                        "2024-01-02T03:04:05.123456"));
        c.add(
                col(
                        "c_ts3",
                        "timestamp(3)",
                        "TIMESTAMP(3)",
                        "'1999-12-31 23:59:59.999'",
                        "1999-12-31T23:59:59.999"));
        c.add(
                col(
                        "c_ts_inf",
                        "timestamp",
                        "TIMESTAMP(6)",
                        "'infinity'",
                        "9999-12-31T23:59:59.999999"));
        c.add(
                col(
                        "c_tstz",
                        "timestamptz(6)",
                        "TIMESTAMP_LTZ(6)",
                        "'2024-01-02 03:04:05.123456+02'",
                        "2024-01-02T01:04:05.123456Z"));
        c.add(
                col(
                        "c_tstz0",
                        "timestamptz(0)",
                        "TIMESTAMP_LTZ(0)",
                        "'1969-07-20 20:17:40-05'",
                        "1969-07-21T01:17:40Z"));
        c.add(col("c_interval", "interval", "BIGINT", "'1 day 02:03:04.5'", "93784500000"));
        c.add(
                col(
                        "c_interval_str",
                        "interval",
                        "STRING",
                        "'1 year 2 mons 3 days 04:05:06.789'",
                        "P1Y2M3DT4H5M6.789S"));
        c.add(col("c_hstore", "hstore", "MAP<STRING, STRING>", "'a=>1, b=>NULL'", "{a=1, b=null}"));
        c.add(col("c_int4range", "int4range", "STRING", "'[1,10)'", "[1,10)"));
        c.add(col("c_numrange", "numrange", "STRING", "'(1.5,2.5]'", "(1.5,2.5]"));
        c.add(
                col(
                        "c_daterange",
                        "daterange",
                        "STRING",
                        "'[2024-01-01,2024-01-10]'",
                        "[2024-01-01,2024-01-11)"));
        c.add(
                col(
                        "c_tstzrange",
                        "tstzrange",
                        "STRING",
                        "'[2024-01-01 00:00:00+00,)'",
                        "[\"2024-01-01 00:00:00+00\",)"));
        c.add(
                col("c_multirange", "int4multirange", "STRING", "'{[1,3), [5,7)}'", "{[1,3),[5,7)}")
                        .since(140000, MULTIRANGE));
        c.add(col("c_point", "point", "STRING", "'(1.5,2)'", "(1.5,2)"));
        c.add(col("c_line", "line", "STRING", "'{1,2,3}'", "{1,2,3}"));
        c.add(col("c_lseg", "lseg", "STRING", "'[(0,0),(1,1)]'", "[(0,0),(1,1)]"));
        c.add(col("c_box", "box", "STRING", "'(1,1),(0,0)'", "(1,1),(0,0)"));
        c.add(col("c_path", "path", "STRING", "'[(0,0),(1,1),(2,0)]'", "[(0,0),(1,1),(2,0)]"));
        c.add(
                col(
                        "c_polygon",
                        "polygon",
                        "STRING",
                        "'((0,0),(1,1),(1,0))'",
                        "((0,0),(1,1),(1,0))"));
        c.add(col("c_circle", "circle", "STRING", "'<(0,0),1.5>'", "<(0,0),1.5>"));
        c.add(col("c_tsvector", "tsvector", "STRING", "'fat cat a'", "'a' 'cat' 'fat'"));
        c.add(col("c_domain", "positive_int", "INT", "42", "42"));
        c.add(
                col(
                        "c_row",
                        "address",
                        "ROW<street STRING, zip INT, tags ARRAY<STRING>>",
                        "ROW('Main St 1', 12345, ARRAY['a', NULL])",
                        "(Main St 1, 12345, [a, null])"));
        c.add(
                col(
                        "c_row_str",
                        "address",
                        "STRING",
                        "ROW('Main St 1', NULL, ARRAY['a', 'b c'])",
                        "(\"Main St 1\",,\"{a,\"\"b c\"\"}\")"));
        return c;
    }

    static List<TypeColumn> multiDimensional() {
        List<TypeColumn> c = new ArrayList<>();
        c.add(
                col(
                        "c_int_2d",
                        "integer[]",
                        "ARRAY<ARRAY<INT>>",
                        "'{{1,2},{3,NULL}}'",
                        "[[1, 2], [3, null]]"));
        c.add(
                col(
                        "c_text_2d",
                        "text[]",
                        "ARRAY<ARRAY<STRING>>",
                        "'{{\"a,b\",NULL},{\"\",\"d e\"}}'",
                        "[[a,b, null], [, d e]]"));
        c.add(
                col(
                        "c_num_3d",
                        "numeric(4,1)[]",
                        "ARRAY<ARRAY<ARRAY<DECIMAL(4, 1)>>>",
                        "'{{{1.5},{NULL}},{{-2.0},{3}}}'",
                        "[[[1.5], [null]], [[-2.0], [3.0]]]"));
        return c;
    }
}
