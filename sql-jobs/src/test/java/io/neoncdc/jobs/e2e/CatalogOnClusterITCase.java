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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog on a real Flink session cluster: {@code sql/40-catalog-one-slot.sql} (CREATE CATALOG,
 * no CREATE TABLE for the sources, a statement set with a changelog and a join) runs through the
 * SQL gateway with the shaded jar added by ADD JAR, reading every table through one replication
 * slot.
 */
class CatalogOnClusterITCase {
    private static final Path MODULE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    private static final Path SQL = MODULE.resolve("sql");
    private static final Path SHADED_JAR = MODULE.resolve("target/neon-postgres-cdc-sql.jar");

    @TempDir Path work;

    @Test
    void catalogJobRunsThroughTheGatewayOnOneSlot() throws Exception {
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
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code =
                    SqlRunner.run(
                            new String[] {
                                "--gateway",
                                cluster.gatewayUrl().toString(),
                                "--jar",
                                SHADED_JAR.toString(),
                                "--var",
                                "NEON_HOST=" + options.get("hostname"),
                                "--var",
                                "NEON_PORT=" + options.get("port"),
                                "--var",
                                "NEON_USER=" + options.get("username"),
                                "--var",
                                "NEON_PASSWORD=" + options.get("password"),
                                "--var",
                                "NEON_DATABASE=" + options.get("database-name"),
                                "--var",
                                "NEON_SSLMODE=" + options.get("ssl.mode"),
                                "--var",
                                "SLOT_PREFIX=" + db.name(),
                                "--set",
                                "parallelism.default=2",
                                SQL.resolve("40-catalog-one-slot.sql").toString()
                            },
                            Map.of(),
                            new PrintStream(out, true, StandardCharsets.UTF_8));
            assertThat(code).as("runner output:\n%s\n%s", out, cluster.logs()).isZero();
            assertThat(out.toString()).doesNotContain(options.get("password") + "'");
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
}
