package io.neoncdc.postgres.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A query that reads some columns gets them pushed into the source (the chunks select only them,
 * the stream converts only them) and still sees the exact changelog of those columns, snapshot and
 * stream, with metadata columns in any order; an upsert source keeps its key.
 */
class ProjectionPushDownITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static TestDatabase db;

    @BeforeAll
    static void setUp() {
        db = PostgresTestServer.get().createDatabase("projection");
        db.execute(
                "CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL, qty int,"
                        + " price numeric(10,2), doc jsonb)",
                "ALTER TABLE items REPLICA IDENTITY FULL",
                "INSERT INTO items VALUES (1, 'one', 10, 1.50, '{\"a\": 1}'),"
                        + " (2, 'two', 20, 2.50, NULL)",
                "CREATE TABLE plain (id bigint PRIMARY KEY, name text NOT NULL, qty int, big text)",
                // A TOASTed column the query does not read: its unchanged value in an update is
                // neither decoded nor filled.
                "INSERT INTO plain SELECT i, n, q, (SELECT string_agg(md5(g::text), '') FROM"
                        + " generate_series(1, 400) g) FROM (VALUES (1, 'one', 10), (2, 'two',"
                        + " 20)) v(i, n, q)",
                "CREATE PUBLICATION neon_cdc_pub FOR TABLE items, plain");
    }

    @Test
    @Timeout(120)
    void projectedColumnsAndMetadataInAnyOrderSnapshotThenStream() throws Exception {
        StreamTableEnvironment t = tableEnv();
        t.executeSql(
                "CREATE TABLE items (id BIGINT, name STRING, qty INT, price DECIMAL(10, 2),"
                        + " doc STRING, op STRING METADATA FROM 'op' VIRTUAL,"
                        + " tbl STRING METADATA FROM 'table_name' VIRTUAL,"
                        + " PRIMARY KEY (id) NOT ENFORCED) "
                        + db.withClause("items", "slot.name", "projection_all"));
        String query = "SELECT qty, op, id FROM items";
        assertThat(t.explainSql(query)).contains("project=[qty, id]").contains("metadata=[op]");

        TableResult result = t.executeSql(query);
        List<String> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = result.collect()) {
            rows.add(it.next().toString());
            rows.add(it.next().toString());
            db.execute(
                    "INSERT INTO items VALUES (3, 'three', 30, 3.50, '[]')",
                    "UPDATE items SET name = 'uno' WHERE id = 1",
                    "UPDATE items SET qty = 21 WHERE id = 2",
                    "DELETE FROM items WHERE id = 3");
            take(it, rows, 8, result);
        }
        assertThat(rows.subList(0, 2)).containsExactlyInAnyOrder("+I[10, r, 1]", "+I[20, r, 2]");
        assertThat(rows.subList(2, rows.size()))
                .containsExactly(
                        "+I[30, c, 3]",
                        // An update of a column not read still is an update of the row.
                        "-U[10, u, 1]",
                        "+U[10, u, 1]",
                        "-U[20, u, 2]",
                        "+U[21, u, 2]",
                        "-D[30, d, 3]");
    }

    @Test
    @Timeout(120)
    void upsertSourceKeepsItsKeyInTheProjection() throws Exception {
        StreamTableEnvironment t = tableEnv();
        t.executeSql(
                "CREATE TABLE items (id BIGINT, name STRING, qty INT, price DECIMAL(10, 2),"
                        + " doc STRING, PRIMARY KEY (id) NOT ENFORCED) "
                        + db.withClause(
                                "items",
                                "slot.name",
                                "projection_upsert",
                                "changelog-mode",
                                "upsert",
                                "scan.startup.mode",
                                "snapshot"));
        String query = "SELECT price FROM items";
        assertThat(t.explainSql(query)).contains("project=[price, id]");
        List<String> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = t.executeSql(query).collect()) {
            it.forEachRemaining(r -> rows.add(r.toString()));
        }
        assertThat(rows).containsExactlyInAnyOrder("+I[1.50]", "+I[2.50]");
    }

    @Test
    @Timeout(120)
    void keyedStateReadsTheKeyEvenWhenNotSelected() throws Exception {
        // REPLICA IDENTITY DEFAULT: old rows come from the keyed state, keyed by id.
        StreamTableEnvironment t = tableEnv();
        t.executeSql(
                "CREATE TABLE plain (id BIGINT, name STRING, qty INT, big STRING,"
                        + " op STRING METADATA FROM 'op' VIRTUAL,"
                        + " PRIMARY KEY (id) NOT ENFORCED) "
                        + db.withClause("plain", "slot.name", "projection_state"));
        String query = "SELECT qty, op FROM plain";
        assertThat(t.explainSql(query)).contains("project=[qty]").contains("metadata=[op]");
        TableResult result = t.executeSql(query);
        List<String> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = result.collect()) {
            rows.add(it.next().toString());
            rows.add(it.next().toString());
            db.execute(
                    "UPDATE plain SET qty = 11 WHERE id = 1",
                    "UPDATE plain SET name = 'deux' WHERE id = 2",
                    "UPDATE plain SET id = 3 WHERE id = 2",
                    "DELETE FROM plain WHERE id = 1");
            take(it, rows, 9, result);
        }
        assertThat(rows.subList(0, 2)).containsExactlyInAnyOrder("+I[10, r]", "+I[20, r]");
        assertThat(rows.subList(2, rows.size()))
                .containsExactly(
                        "-U[10, u]",
                        "+U[11, u]",
                        "-U[20, u]",
                        "+U[20, u]",
                        // A key change: the old key's row leaves, the new key's row enters.
                        "-D[20, u]",
                        "+I[20, u]",
                        "-D[11, d]");
    }

    /**
     * Adds rows until there are {@code n} or a minute passed (then fails naming the rows seen),
     * then cancels the job: the collect iterator itself ignores the test's timeout.
     */
    private static void take(CloseableIterator<Row> it, List<String> rows, int n, TableResult job)
            throws Exception {
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            while (rows.size() < n) {
                Future<Row> next = reader.submit(it::next);
                try {
                    rows.add(next.get(60, TimeUnit.SECONDS).toString());
                } catch (TimeoutException e) {
                    throw new AssertionError("Only " + rows.size() + " rows in a minute: " + rows);
                }
            }
        } finally {
            job.getJobClient().get().cancel();
            reader.shutdownNow();
        }
    }

    private static StreamTableEnvironment tableEnv() {
        return StreamTableEnvironment.create(
                StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(1));
    }
}
