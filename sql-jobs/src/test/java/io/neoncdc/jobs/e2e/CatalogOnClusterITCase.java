package io.neoncdc.jobs.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog on a real Flink session cluster: {@code sql/40-catalog-one-slot.sql} (CREATE CATALOG,
 * no CREATE TABLE for the sources, a statement set with a changelog and a join) runs through the
 * SQL gateway from Flink's own SQL client ({@code sql-client.sh gateway}), with the shaded jar
 * added by {@code ADD JAR}, reading every table through one replication slot. Runs on both Flink
 * lines (the 1.20 pass of mvn verify against a 1.20 cluster and the 1.20 SQL jar).
 */
class CatalogOnClusterITCase {
    private static final Path MODULE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    private static final Path SQL = MODULE.resolve("sql");
    private static final Path SHADED_JAR =
            FlinkSessionCluster.BUILD.resolve("neon-postgres-cdc-sql.jar");
    private static final Pattern VARIABLE =
            Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    @TempDir Path work;

    @Test
    void catalogJobRunsFromFlinksSqlClientWithAddJarOnOneSlot() throws Exception {
        assertThat(SHADED_JAR).as("built by mvn package").exists();
        TestDatabase db = PostgresTestServer.get().createDatabase("catalog_e2e");
        db.execute(Files.readString(SQL.resolve("postgres/shop.sql")));
        Map<String, String> options = db.connectionOptions();
        String slot = db.name() + "_catalog";
        try (FlinkSessionCluster cluster =
                FlinkSessionCluster.start(
                        work.resolve("cluster"),
                        Map.of(
                                "taskmanager.numberOfTaskSlots", "2",
                                "execution.checkpointing.interval", "2 s"))) {
            Await await = new Await(cluster, Duration.ofSeconds(90));
            // Flink's own SQL client, as a user would run sql-client.sh: ADD JAR, then the file.
            Map<String, String> vars = new LinkedHashMap<>();
            vars.put("NEON_HOST", options.get("hostname"));
            vars.put("NEON_PORT", options.get("port"));
            vars.put("NEON_USER", options.get("username"));
            vars.put("NEON_PASSWORD", options.get("password"));
            vars.put("NEON_DATABASE", options.get("database-name"));
            vars.put("NEON_SSLMODE", options.get("ssl.mode"));
            vars.put("SLOT_PREFIX", db.name());
            Path script = work.resolve("catalog-job.sql");
            Files.writeString(
                    script,
                    "ADD JAR '"
                            + SHADED_JAR
                            + "';\nSET 'parallelism.default' = '2';\n"
                            + substitute(
                                    Files.readString(SQL.resolve("40-catalog-one-slot.sql")),
                                    vars));
            String out = cluster.sqlClient(script);
            System.out.println("Flink SQL client:\n" + out);
            assertThat(out).contains("Job ID");
            String jobId =
                    await.until(
                                    "the catalog job",
                                    null,
                                    () -> cluster.rest().job("catalog_one_slot").orElse(null),
                                    job -> job.path("state").asText().equals("RUNNING"))
                            .path("jid")
                            .asText();
            ClusterProcess tm = cluster.taskManager();
            await.until(
                    "the snapshot printed",
                    jobId,
                    tm::stdout,
                    s ->
                            s.contains("> +I[101, 1, placed, 120.50, r]")
                                    && s.contains("> +I[104, Edsger Dijkstra, cancelled, 80.00]"));
            db.execute(
                    "INSERT INTO shop.orders (id, customer_id, status, total)"
                            + " VALUES (107, 2, 'placed', 9.99)");
            await.until(
                    "the insert printed by both",
                    jobId,
                    tm::stdout,
                    s ->
                            s.contains("> +I[107, 2, placed, 9.99, c]")
                                    && s.contains("> +I[107, Grace Hopper, placed, 9.99]"));
            assertThat(
                            db.queryRows(
                                    "SELECT slot_name FROM pg_replication_slots WHERE database ="
                                            + " current_database()"))
                    .containsExactly(slot);
        } finally {
            Slots.drop(db, slot);
        }
    }

    /**
     * The file's ${NAME} and ${NAME:-default} filled in, as the runner would (the client cannot).
     */
    private static String substitute(String sql, Map<String, String> vars) {
        Matcher m = VARIABLE.matcher(sql);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = vars.getOrDefault(m.group(1), m.group(2));
            assertThat(value).as("variable %s", m.group(1)).isNotNull();
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        return m.appendTail(sb).toString();
    }
}
