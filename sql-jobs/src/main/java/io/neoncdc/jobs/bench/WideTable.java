package io.neoncdc.jobs.bench;

/**
 * The 30-column table: integers, numerics, floats, booleans, short and long (~1 KB, stored inline)
 * text, times, uuid, jsonb, int/text/numeric arrays, bytea, interval and inet.
 */
final class WideTable {
    static final String NAME = "bench_wide";

    static final String DDL =
            "CREATE TABLE "
                    + NAME
                    + " (id bigint PRIMARY KEY, c_int1 int, c_int2 int, c_big1 bigint,"
                    + " c_big2 bigint, c_small smallint, c_num1 numeric(12,2),"
                    + " c_num2 numeric(18,6), c_num3 numeric, c_real real,"
                    + " c_double double precision, c_bool1 boolean, c_bool2 boolean,"
                    + " c_text1 text, c_text2 varchar(64), c_text3 text, c_char char(8),"
                    + " c_long text, c_ts1 timestamptz, c_ts2 timestamp, c_date date,"
                    + " c_time time, c_uuid uuid, c_json jsonb, c_ints int[], c_texts text[],"
                    + " c_nums numeric[], c_bytea bytea, c_interval interval, c_inet inet)";

    /** The row for key {@code g}. */
    static final String ROW =
            "g, g % 1000, (g * 31) % 100000, g::bigint * 1000003, -g, (g % 30000)::smallint,"
                    + " ((g % 100000) * 1.37)::numeric(12,2), (g * 3.141593)::numeric(18,6),"
                    + " (g * 7)::numeric / 3, g / 7.0::real, g / 3.0::double precision,"
                    + " g % 2 = 0, g % 3 = 0, substr(md5(g::text), 1, 10),"
                    + " 'customer-' || (g % 50000), md5((g * 2)::text),"
                    + " substr(md5((g * 3)::text), 1, 8), repeat(md5((g * 5)::text), 31),"
                    + " timestamptz '2024-01-01 00:00:00+00' + g * interval '1 second',"
                    + " timestamp '2024-01-01 00:00:00' + g * interval '1 minute',"
                    + " date '2020-01-01' + (g % 3650)::int, time '00:00' + (g % 86400) *"
                    + " interval '1 second', md5(g::text)::uuid,"
                    + " jsonb_build_object('k', g % 100, 'v', md5(g::text)),"
                    + " ARRAY[g % 10, g % 100, g % 1000]::int[],"
                    + " ARRAY['red', 'green', substr(md5(g::text), 1, 6)],"
                    + " ARRAY[(g % 100) * 1.5, g % 7]::numeric[],"
                    + " decode(md5(g::text), 'hex'), (g % 1000) * interval '1 minute',"
                    + " ('10.' || (g % 250) || '.' || (g % 200) || '.1')::inet";

    private WideTable() {}
}
