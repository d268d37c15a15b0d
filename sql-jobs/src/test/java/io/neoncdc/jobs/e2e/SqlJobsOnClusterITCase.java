package io.neoncdc.jobs.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.jobs.runner.SqlRunner;
import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on a real Flink session cluster (JobManager, TaskManager and SQL gateway in their own
 * JVMs): the SQL runner submits sql-jobs/sql/*.sql through the gateway with the shaded connector
 * jar (ADD JAR), rows written to PostgreSQL arrive exactly once in the filesystem and print sinks,
 * and the source's metrics are readable over the JobManager's REST API. Then the SQL jar placed
 * like a jar in Flink's lib/ (on every JVM's class path), with no ADD JAR, and the runner as a
 * job's main class ({@code flink run}), whose job outlives it. Runs on both Flink lines (the 1.20
 * pass of mvn verify runs it against a 1.20 cluster and the 1.20 SQL jar).
 */
class SqlJobsOnClusterITCase {
    private static final Path MODULE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    private static final Path SQL = MODULE.resolve("sql");
    private static final Path SHADED_JAR =
            FlinkSessionCluster.BUILD.resolve("neon-postgres-cdc-sql.jar");
    private static final String ORDERS_SQL =
            "SELECT id, customer_id, status, total FROM shop.orders ORDER BY id";

    /** As {@link ChangelogFiles#values} writes the files' rows: decimals without trailing zeros. */
    private static final String ORDERS_BY_VALUE_SQL =
            "SELECT id, customer_id, status, trim_scale(total) FROM shop.orders ORDER BY id";

    private static final String REVENUE_SQL =
            "SELECT customer_id, count(*), trim_scale(sum(total)) FROM shop.orders"
                    + " WHERE status <> 'cancelled' GROUP BY customer_id ORDER BY customer_id";

    /**
     * Parallelism of the changelog job: 2, so the snapshot-to-stream hand-over across subtasks and
     * the idle (not finished) second reader next to a chained union-state file sink are covered.
     */
    private static final String CHANGELOG_JOB_PARALLELISM = "2";

    @TempDir Path work;

    @Test
    void sqlFilesRunOnAFlinkClusterThroughTheGatewayWithTheShadedJar() throws Exception {
        assertThat(SHADED_JAR).as("built by mvn package").exists();
        TestDatabase db = PostgresTestServer.get().createDatabase("sql_jobs_e2e");
        db.execute(Files.readString(SQL.resolve("postgres/shop.sql")));
        Map<String, String> vars = variables(db);
        Map<String, String> overrides =
                Map.of(
                        "taskmanager.numberOfTaskSlots", "3",
                        "execution.checkpointing.interval", "2 s",
                        "execution.checkpointing.min-pause", "500 ms",
                        "metrics.fetcher.update-interval", "1 s");
        try (FlinkSessionCluster cluster =
                FlinkSessionCluster.start(work.resolve("cluster"), overrides)) {
            Await await = new Await(cluster, Duration.ofSeconds(90));
            String jobId = changelogToFiles(cluster, await, db, vars);
            metricsOverRest(cluster, await, jobId);
            printJob(cluster, await, db, vars, true);
        } finally {
            Slots.drop(db, vars.get("SLOT_PREFIX") + "_files", vars.get("SLOT_PREFIX") + "_print");
        }
    }

    @Test
    void sqlJarInLibNeedsNoAddJarAndTheRunnerAsJobMainLeavesItsJobRunning() throws Exception {
        assertThat(SHADED_JAR).as("built by mvn package").exists();
        TestDatabase db = PostgresTestServer.get().createDatabase("sql_jobs_lib");
        db.execute(Files.readString(SQL.resolve("postgres/shop.sql")));
        Map<String, String> vars = variables(db);
        try (FlinkSessionCluster cluster =
                FlinkSessionCluster.start(
                        work.resolve("cluster-lib"),
                        Map.of("execution.checkpointing.interval", "2 s"),
                        List.of(SHADED_JAR))) {
            Await await = new Await(cluster, Duration.ofSeconds(90));
            printJob(cluster, await, db, vars, false);
            RunnerAsJobMain.leavesItsJobRunning(cluster, await, db, vars, work, SQL, ORDERS_SQL);
        } finally {
            Slots.drop(
                    db, vars.get("SLOT_PREFIX") + "_print", vars.get("SLOT_PREFIX") + "_cli_print");
        }
    }

    /** 00 + 20: snapshot, then an update, a delete and inserts, exactly once, in both sinks. */
    private String changelogToFiles(
            FlinkSessionCluster cluster, Await await, TestDatabase db, Map<String, String> vars)
            throws Exception {
        run(
                cluster,
                true,
                vars,
                "--set",
                "parallelism.default=" + CHANGELOG_JOB_PARALLELISM,
                "00-source-tables.sql",
                "20-changelog-to-filesystem.sql");
        String jobId =
                await.until(
                                "the changelog job",
                                null,
                                () -> cluster.rest().job("orders_changelog_files").orElse(null),
                                job -> job.path("state").asText().equals("RUNNING"))
                        .path("jid")
                        .asText();
        Path orders = work.resolve("out/orders");
        await.until(
                "the snapshot in the files",
                jobId,
                () -> ordersIn(orders),
                rows -> rows.equals(rows(db.queryRows(ORDERS_BY_VALUE_SQL))));

        db.executeInTransaction(
                "UPDATE shop.orders SET status = 'shipped' WHERE id = 103",
                "DELETE FROM shop.orders WHERE id = 104");
        db.execute(
                "INSERT INTO shop.orders (id, customer_id, status, total)"
                        + " VALUES (105, 2, 'placed', 7.50)");
        db.execute("UPDATE shop.orders SET total = 100.00 WHERE id = 101");

        Path revenue = work.resolve("out/customer_revenue");
        await.until(
                "the changes in the files",
                jobId,
                () -> List.of(ordersIn(orders), revenueIn(revenue)),
                both ->
                        both.get(0).equals(rows(db.queryRows(ORDERS_BY_VALUE_SQL)))
                                && both.get(1).equals(rows(db.queryRows(REVENUE_SQL))));
        // Exactly once: every change once, nothing else (d = old row, c = new row).
        assertThat(summaries(ChangelogFiles.records(orders)))
                .containsExactlyInAnyOrder(
                        "c 101, placed, 120.5, r",
                        "c 102, shipped, 35, r",
                        "c 103, placed, 12.99, r",
                        "c 104, cancelled, 80, r",
                        "d 103, placed, 12.99, u",
                        "c 103, shipped, 12.99, u",
                        "d 104, cancelled, 80, d",
                        "c 105, placed, 7.5, c",
                        "d 101, placed, 120.5, u",
                        "c 101, placed, 100, u");
        return jobId;
    }

    /** The enumerator's snapshot gauges, the source's record count and stream gauges, over REST. */
    private static void metricsOverRest(FlinkSessionCluster cluster, Await await, String jobId)
            throws Exception {
        ClusterRest rest = cluster.rest();
        String source = rest.vertex(jobId, "Source: orders");
        double chunks =
                await.until(
                        "snapshot.chunksFinished",
                        jobId,
                        () ->
                                rest.coordinatorMetric(jobId, source, "snapshot.chunksFinished")
                                        .orElse(null),
                        finished -> finished >= 1);
        assertThat(rest.coordinatorMetric(jobId, source, "snapshot.chunksTotal")).contains(chunks);
        await.until(
                "the source's numRecordsOut",
                jobId,
                () ->
                        rest.subtaskMetricSum(jobId, source, "Source__", ".numRecordsOut")
                                .orElse(null),
                records -> records >= 10);
        // The stream's gauges: a confirmed position once a checkpoint completed while streaming.
        await.until(
                "the stream's confirmedLsn",
                jobId,
                () ->
                        rest.subtaskMetricSum(jobId, source, "Source__", ".confirmedLsn")
                                .orElse(null),
                lsn -> lsn > 0);
        await.until(
                "the stream's retainedWalBytes",
                jobId,
                () ->
                        rest.subtaskMetricSum(jobId, source, "Source__", ".retainedWalBytes")
                                .orElse(null),
                bytes -> bytes >= 0);
    }

    /**
     * 00 + 10 in a second session: a second job with its own class loader for the same jar (its
     * connections must work too), printing to the TaskManager's stdout.
     */
    private void printJob(
            FlinkSessionCluster cluster,
            Await await,
            TestDatabase db,
            Map<String, String> vars,
            boolean addJar)
            throws Exception {
        run(
                cluster,
                addJar,
                vars,
                "--set",
                "parallelism.default=1",
                "00-source-tables.sql",
                "10-print.sql");
        String jobId =
                await.until(
                                "the print job",
                                null,
                                () -> cluster.rest().job("print_orders").orElse(null),
                                job -> job.path("state").asText().equals("RUNNING"))
                        .path("jid")
                        .asText();
        ClusterProcess tm = cluster.taskManager();
        // Every row of the table as a snapshot row ("r", no commit time).
        List<String> snapshot =
                db.queryRows(ORDERS_SQL).stream()
                        .map(row -> "orders> +I[" + row + ", r, null]")
                        .collect(Collectors.toList());
        assertThat(snapshot).hasSizeGreaterThanOrEqualTo(4);
        await.until(
                "the snapshot printed",
                jobId,
                tm::stdout,
                out -> snapshot.stream().allMatch(out::contains));
        db.execute(
                "INSERT INTO shop.orders (id, customer_id, status, total)"
                        + " VALUES (106, 3, 'placed', 5.00)");
        await.until(
                "the insert printed",
                jobId,
                tm::stdout,
                out -> out.contains("orders> +I[106, 3, placed, 5.00, c, "));
    }

    private void run(
            FlinkSessionCluster cluster, boolean addJar, Map<String, String> vars, String... rest) {
        List<String> args = new ArrayList<>();
        args.addAll(List.of("--gateway", cluster.gatewayUrl().toString()));
        if (addJar) {
            args.addAll(List.of("--jar", SHADED_JAR.toString()));
        }
        vars.forEach((k, v) -> args.addAll(List.of("--var", k + "=" + v)));
        for (String arg : rest) {
            args.add(arg.endsWith(".sql") ? SQL.resolve(arg).toString() : arg);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code =
                SqlRunner.run(
                        args.toArray(new String[0]),
                        Map.of(),
                        new PrintStream(out, true, StandardCharsets.UTF_8));
        String shown =
                String.join(" ", args).replaceAll("NEON_PASSWORD=\\S*", "NEON_PASSWORD=****");
        System.out.println("SqlRunner " + shown + "\n" + out);
        assertThat(code).as("runner output:\n%s\n%s", out, cluster.logs()).isZero();
    }

    private Map<String, String> variables(TestDatabase db) {
        Map<String, String> options = db.connectionOptions();
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("NEON_HOST", options.get("hostname"));
        vars.put("NEON_PORT", options.get("port"));
        vars.put("NEON_USER", options.get("username"));
        vars.put("NEON_PASSWORD", options.get("password"));
        vars.put("NEON_DATABASE", options.get("database-name"));
        vars.put("NEON_SSLMODE", options.get("ssl.mode"));
        vars.put("SLOT_PREFIX", db.name());
        vars.put("OUTPUT_PATH", "file://" + work.resolve("out"));
        vars.put("FILE_ROLLOVER", "1 s");
        vars.put("FILE_ROLLOVER_CHECK", "500 ms");
        return vars;
    }

    /** The orders table the changelog files materialize to: snapshot rows first, then by LSN. */
    private static Map<String, String> ordersIn(Path dir) {
        List<JsonNode> records = new ArrayList<>(ChangelogFiles.records(dir));
        records.sort(Comparator.comparingLong(SqlJobsOnClusterITCase::commitLsn));
        return ChangelogFiles.materialize(records, "id", "customer_id", "status", "total");
    }

    private static Map<String, String> revenueIn(Path dir) {
        return ChangelogFiles.materialize(
                ChangelogFiles.records(dir), "customer_id", "orders", "revenue");
    }

    private static long commitLsn(JsonNode record) {
        JsonNode row = record.path("after").isObject() ? record.get("after") : record.get("before");
        return row.path("commit_lsn").isNumber() ? row.get("commit_lsn").asLong() : -1;
    }

    /** "c 101, placed, 120.50, r": the record's op, then the row's id, status, total, source op. */
    private static List<String> summaries(List<JsonNode> records) {
        return records.stream()
                .map(
                        r -> {
                            boolean delete = r.path("op").asText().equals("d");
                            JsonNode row = delete ? r.get("before") : r.get("after");
                            return r.path("op").asText()
                                    + " "
                                    + ChangelogFiles.values(row, "id", "status", "total", "op");
                        })
                .collect(Collectors.toList());
    }

    /** PostgreSQL rows ("id, a, b") keyed by their first column, like the materialized files. */
    private static Map<String, String> rows(List<String> rows) {
        Map<String, String> byKey = new TreeMap<>();
        for (String row : rows) {
            int comma = row.indexOf(", ");
            byKey.put(row.substring(0, comma), row.substring(comma + 2));
        }
        return byKey;
    }
}
