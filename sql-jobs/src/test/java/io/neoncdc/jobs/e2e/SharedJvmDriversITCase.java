package io.neoncdc.jobs.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQL jar shares a JVM with other users of {@code jdbc:postgresql:}: Flink's lib/ holding the
 * SQL jar, flink-connector-jdbc and an unrelocated pgjdbc. After a CDC job into a JDBC sink ran,
 * {@code DriverManager} knows only the unrelocated driver, and its connections unwrap to {@code
 * org.postgresql.PGConnection} (the relocated driver used to register itself and answer first).
 */
class SharedJvmDriversITCase {
    private static final Path MODULE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    private static final Path SQL_JAR =
            FlinkSessionCluster.BUILD.resolve("neon-postgres-cdc-sql.jar");

    @TempDir Path work;

    @Test
    void driverManagerKeepsTheUnrelocatedDriverAfterACdcJobIntoAJdbcSink() throws Exception {
        assertThat(SQL_JAR).as("built by mvn package").exists();
        TestDatabase db = PostgresTestServer.get().createDatabase("shared_jvm");
        db.execute(
                "CREATE TABLE items (id bigint PRIMARY KEY, name text, price numeric(10,2))",
                "ALTER TABLE items REPLICA IDENTITY FULL",
                "CREATE TABLE items_copy (LIKE items INCLUDING ALL)",
                "INSERT INTO items SELECT g, 'item ' || g, g * 1.5 FROM generate_series(1, 20) g");
        PostgresTestServer server = db.server();
        String url = server.jdbcUrl(db.name()) + "?sslmode=" + server.sslMode();

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ClusterProcess.JDK17_OPENS);
        command.add("-Xmx1g");
        command.add("-Dlog.file=" + work.resolve("job.log"));
        command.add(
                "-Dlog4j.configurationFile="
                        + MODULE.resolve("../flink-conf/log4j.properties").toUri());
        command.add("-cp");
        command.add(classPath());
        command.add(SharedJvmJob.class.getName());
        command.addAll(List.of(url, server.user(), server.password()));
        Map<String, String> options = db.connectionOptions();
        options.forEach((k, v) -> command.add(k + "=" + v));
        command.add("table-list=public.items");
        command.add("slot.name=" + db.name());
        command.add("publication.name=" + db.name());
        Path out = work.resolve("job.out");
        Process process =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(out.toFile())
                        .start();
        try {
            boolean exited = process.waitFor(4, TimeUnit.MINUTES);
            String output = Files.readString(out, StandardCharsets.UTF_8);
            assertThat(exited).as("the job JVM exits:\n%s", output).isTrue();
            assertThat(process.exitValue()).as("exit code:\n%s\n%s", output, log()).isZero();
            assertThat(output.lines())
                    .as(output)
                    .contains(
                            "copy=equal",
                            "driver=org.postgresql.Driver",
                            "unwrap=org.postgresql.jdbc.PgConnection")
                    .filteredOn(l -> l.startsWith("registered="))
                    .singleElement()
                    .asString()
                    .doesNotContain("io.neoncdc");
            assertThat(db.queryRows("SELECT * FROM items_copy ORDER BY id"))
                    .isEqualTo(db.queryRows("SELECT * FROM items ORDER BY id"))
                    .hasSize(21);
        } finally {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            Slots.drop(db, db.name());
        }
    }

    /** Flink's lib/ (as the e2e cluster gets it), the SQL jar, pgjdbc and this test's classes. */
    private static String classPath() throws Exception {
        String flink = FlinkSessionCluster.libClassPath();
        return String.join(
                File.pathSeparator,
                flink,
                SQL_JAR.toString(),
                codeSource(org.postgresql.Driver.class),
                codeSource(SharedJvmJob.class));
    }

    private static String codeSource(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private String log() {
        try {
            List<String> lines = Files.readAllLines(work.resolve("job.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
        } catch (Exception e) {
            return "(no job.log)";
        }
    }
}
