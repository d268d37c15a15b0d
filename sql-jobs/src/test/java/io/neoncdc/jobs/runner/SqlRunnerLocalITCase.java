package io.neoncdc.jobs.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.jobs.e2e.Slots;
import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner on a local MiniCluster: the shared source DDL and a bounded snapshot query. */
class SqlRunnerLocalITCase {
    private static final Path SQL = Path.of(System.getProperty("basedir", "."), "sql");

    @Test
    void runsSqlFilesLocallyAndPrintsTheRows(@TempDir Path dir) throws Exception {
        TestDatabase db = PostgresTestServer.get().createDatabase("sql_runner_local");
        db.execute(Files.readString(SQL.resolve("postgres/shop.sql")));
        Map<String, String> options = db.connectionOptions();
        Path query = dir.resolve("query.sql");
        Files.writeString(
                query,
                "-- the tables as of one point in time, then the query ends\n"
                        + "SET 'parallelism.default' = '1';\n"
                        + "SELECT id, status, op FROM orders /*+ OPTIONS('scan.startup.mode' ="
                        + " 'snapshot', 'slot.name' = '${SLOT_PREFIX}_q') */;");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] args = {
            "--duration",
            "90s",
            "--var",
            "NEON_PORT=" + options.get("port"),
            "--var",
            "NEON_SSLMODE=" + options.get("ssl.mode"),
            "--var",
            "SLOT_PREFIX=" + db.name(),
            SQL.resolve("00-source-tables.sql").toString(),
            query.toString()
        };
        Map<String, String> env =
                Map.of(
                        "NEON_HOST", options.get("hostname"),
                        "NEON_USER", options.get("username"),
                        "NEON_PASSWORD", options.get("password"),
                        "NEON_DATABASE", options.get("database-name"));
        try {
            int code = SqlRunner.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8));
            assertThat(code).as(out.toString()).isZero();
            assertThat(out.toString())
                    .contains("[3/4] query.sql:2  SET 'parallelism.default' = '1'")
                    .contains("  op | id | status | op")
                    .contains("  +I | 101 | placed | r", "  +I | 104 | cancelled | r");
        } finally {
            Slots.drop(db, db.name() + "_q");
        }
    }
}
