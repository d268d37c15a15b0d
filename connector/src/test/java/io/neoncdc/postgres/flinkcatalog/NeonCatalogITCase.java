package io.neoncdc.postgres.flinkcatalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.CollectionUtil;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code CREATE CATALOG … 'type' = 'neon-postgres-cdc'}: schemas as databases, capturable tables
 * with the connector's default types and keys, SELECT without DDL (snapshot and stream, metadata
 * through the {@code $meta} variant, options through hints), read-only.
 */
@Timeout(180)
class NeonCatalogITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static TestDatabase db;

    @BeforeAll
    static void setUp() {
        db = PostgresTestServer.get().createDatabase("flink_catalog");
        db.execute(
                "CREATE SCHEMA sales",
                "COMMENT ON SCHEMA sales IS 'the sales team'",
                "CREATE TABLE public.orders (id bigint PRIMARY KEY, customer text NOT NULL,"
                        + " amount numeric(12,2), tags text[], paid_at timestamptz, doc jsonb,"
                        + " raw bytea, op int)",
                "COMMENT ON TABLE public.orders IS 'one row per order'",
                "COMMENT ON COLUMN public.orders.amount IS 'gross, EUR'",
                "ALTER TABLE public.orders REPLICA IDENTITY FULL",
                "INSERT INTO public.orders VALUES (1, 'ann', 10.50, '{a,b}',"
                        + " '2024-01-02 03:04:05.123456+00', '{\"k\": 1}', '\\x01ff', 7),"
                        + " (2, 'bob', NULL, NULL, NULL, NULL, NULL, NULL)",
                "CREATE TABLE sales.leads (code text NOT NULL, n int NOT NULL, note varchar(20))",
                "CREATE UNIQUE INDEX leads_code ON sales.leads (code)",
                "ALTER TABLE sales.leads REPLICA IDENTITY USING INDEX leads_code",
                "CREATE TABLE public.keyless (v int)",
                "CREATE VIEW public.orders_view AS SELECT id FROM public.orders",
                "CREATE UNLOGGED TABLE public.scratch (id int)",
                "CREATE TABLE public.events (id bigint, day date, PRIMARY KEY (id, day))"
                        + " PARTITION BY RANGE (day)",
                "CREATE TABLE public.events_2024 PARTITION OF public.events FOR VALUES FROM"
                        + " ('2024-01-01') TO ('2025-01-01')",
                "CREATE TABLE public.hinted (id bigserial PRIMARY KEY, v text)",
                "ALTER TABLE public.hinted REPLICA IDENTITY FULL",
                "INSERT INTO public.hinted (v) VALUES ('before the job')");
    }

    private static StreamTableEnvironment session(String... extraOptions) {
        StreamTableEnvironment tEnv =
                StreamTableEnvironment.create(
                        StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(1));
        StringBuilder ddl =
                new StringBuilder("CREATE CATALOG neon WITH ('type' = 'neon-postgres-cdc'");
        Map<String, String> options = new java.util.LinkedHashMap<>(db.connectionOptions());
        options.put("slot.name", db.name());
        for (int i = 0; i + 1 < extraOptions.length; i += 2) {
            options.put(extraOptions[i], extraOptions[i + 1]);
        }
        options.forEach(
                (k, v) -> ddl.append(", '").append(k).append("' = '").append(v).append("'"));
        tEnv.executeSql(ddl.append(")").toString());
        return tEnv;
    }

    private static List<String> rows(TableResult result) {
        return CollectionUtil.iteratorToList(result.collect()).stream()
                .map(Row::toString)
                .collect(Collectors.toList());
    }

    @Test
    void showsSchemasAsDatabasesAndCapturableTables() {
        StreamTableEnvironment tEnv = session();
        tEnv.executeSql("USE CATALOG neon");
        assertThat(rows(tEnv.executeSql("SHOW DATABASES"))).contains("+I[public]", "+I[sales]");
        assertThat(rows(tEnv.executeSql("SHOW DATABASES")))
                .noneMatch(r -> r.contains("pg_catalog") || r.contains("information_schema"));
        assertThat(rows(tEnv.executeSql("SHOW TABLES")))
                .containsExactly("+I[events]", "+I[hinted]", "+I[keyless]", "+I[orders]");
        assertThat(rows(tEnv.executeSql("SHOW TABLES FROM sales"))).containsExactly("+I[leads]");
        assertThat(tEnv.getCatalog("neon").get().getDefaultDatabase()).isEqualTo("public");
    }

    @Test
    void describesColumnsWithDefaultTypesKeysAndComments() {
        StreamTableEnvironment tEnv = session();
        assertThat(rows(tEnv.executeSql("DESCRIBE neon.public.orders")))
                .containsExactly(
                        "+I[id, BIGINT, false, PRI(id), null, null, null]",
                        "+I[customer, STRING, false, null, null, null, null]",
                        "+I[amount, DECIMAL(12, 2), true, null, null, null, gross, EUR]",
                        "+I[tags, ARRAY<STRING>, true, null, null, null, null]",
                        "+I[paid_at, TIMESTAMP_LTZ(6), true, null, null, null, null]",
                        "+I[doc, STRING, true, null, null, null, null]",
                        "+I[raw, BYTES, true, null, null, null, null]",
                        "+I[op, INT, true, null, null, null, null]");
        // The replica identity index is the key of a table without a primary key.
        assertThat(rows(tEnv.executeSql("DESCRIBE neon.sales.leads")))
                .containsExactly(
                        "+I[code, STRING, false, PRI(code), null, null]",
                        "+I[n, INT, false, null, null, null]",
                        "+I[note, STRING, true, null, null, null]");
        assertThat(rows(tEnv.executeSql("DESCRIBE neon.public.keyless")))
                .containsExactly("+I[v, INT, true, null, null, null]");
    }

    @Test
    void selectsWithoutDdlAndWithMetadataThroughTheMetaVariant() throws Exception {
        StreamTableEnvironment tEnv = session("scan.startup.mode", "snapshot");
        assertThat(
                        rows(
                                tEnv.executeSql(
                                        "SELECT id, customer, amount, tags, paid_at, doc, `raw`, op"
                                                + " FROM neon.public.orders")))
                .containsExactlyInAnyOrder(
                        "+I[1, ann, 10.50, [a, b], 2024-01-02T03:04:05.123456Z, {\"k\": 1},"
                                + " [1, -1], 7]",
                        "+I[2, bob, null, null, null, null, null, null]");
        // A column named like a metadata key keeps its name; the metadata column gets a '_'.
        assertThat(
                        rows(
                                tEnv.executeSql(
                                        "SELECT id, op, _op, table_name, schema_name, is_snapshot,"
                                            + " lsn FROM neon.public.`orders$meta` WHERE id = 1")))
                .containsExactly("+I[1, 7, r, orders, public, true, null]");
    }

    @Test
    void hintsOverrideOptionsPerTable() throws Exception {
        StreamTableEnvironment tEnv = session("slot.name", db.name() + "_hinted");
        TableResult result =
                tEnv.executeSql(
                        "SELECT id, v FROM neon.public.hinted"
                                + " /*+ OPTIONS('scan.startup.mode' = 'latest-offset') */");
        try (CloseableIterator<Row> it = result.collect()) {
            // latest-offset: no snapshot row, only what is written once the stream runs.
            List<String> seen = new ArrayList<>();
            long deadline = System.nanoTime() + 60_000_000_000L;
            new Thread(
                            () -> {
                                while (seen.isEmpty() && System.nanoTime() < deadline) {
                                    db.execute("INSERT INTO public.hinted (v) VALUES ('x')");
                                    sleep(500);
                                }
                            })
                    .start();
            seen.add(it.next().toString());
            result.getJobClient().get().cancel();
            assertThat(seen.get(0)).doesNotContain("before the job");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void isReadOnly() {
        StreamTableEnvironment tEnv = session();
        assertThatThrownBy(
                        () ->
                                tEnv.executeSql(
                                        "CREATE TABLE neon.public.t (id INT) WITH ('connector' ="
                                                + " 'datagen')"))
                .hasStackTraceContaining("is not possible in catalog 'neon': it is read-only");
        assertThatThrownBy(() -> tEnv.executeSql("DROP TABLE neon.public.orders"))
                .hasStackTraceContaining("DROP TABLE public.orders is not possible");
        assertThatThrownBy(() -> tEnv.executeSql("CREATE DATABASE neon.x"))
                .hasStackTraceContaining("read-only");
    }

    @Test
    void explainsTablesItCannotRead() {
        StreamTableEnvironment tEnv = session();
        assertThatThrownBy(() -> tEnv.executeSql("SELECT * FROM neon.public.orders_view"))
                .hasStackTraceContaining("Cannot capture public.orders_view: it is a view");
        assertThatThrownBy(() -> tEnv.executeSql("SELECT * FROM neon.public.scratch"))
                .hasStackTraceContaining("unlogged");
        assertThatThrownBy(() -> tEnv.executeSql("SELECT * FROM neon.public.events_2024"))
                .hasStackTraceContaining("is a partition");
        assertThatThrownBy(
                        () ->
                                tEnv.executeSql(
                                        "SELECT * FROM neon.public.orders /*+ OPTIONS('table-name'"
                                                + " = 'x') */"))
                .hasStackTraceContaining("'table-name' cannot be given to");
    }

    @Test
    void badCatalogOptionsFailAtCreateCatalog() {
        assertThatThrownBy(() -> session("default-database", "nope"))
                .hasStackTraceContaining(
                        "Schema 'nope' ('default-database' of catalog 'neon') does not exist");
        assertThatThrownBy(() -> session("table-name", "orders"))
                .hasStackTraceContaining(
                        "'table-name' cannot be set on a neon-postgres-cdc catalog");
        assertThatThrownBy(() -> session("slot.name", "Bad-Slot"))
                .hasStackTraceContaining("is not a valid replication slot name");
        assertThatThrownBy(() -> session("database-name", "no_such_database"))
                .hasStackTraceContaining("Catalog 'neon' cannot read database");
    }
}
