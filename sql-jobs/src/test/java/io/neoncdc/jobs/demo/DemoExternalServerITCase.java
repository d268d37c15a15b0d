package io.neoncdc.jobs.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The demo against a server it did not start (as with Neon; here an embedded PostgreSQL started by
 * the test): NEON_* settings, {@code --setup} creates the schema and publication, the demo's slots
 * are gone afterwards, the password is never printed.
 */
class DemoExternalServerITCase {
    private static final String PASSWORD = "Pa55-w0rd-never-printed";

    @Test
    @Timeout(180)
    void setsUpRunsAndCleansUpItsSlots() throws Exception {
        try (EmbeddedPostgres server = startServer()) {
            try (Connection c = server.getPostgresDatabase().getConnection();
                    Statement st = c.createStatement()) {
                st.execute("CREATE ROLE shop_owner LOGIN REPLICATION PASSWORD '" + PASSWORD + "'");
                st.execute("CREATE DATABASE neon_like OWNER shop_owner");
            }
            Map<String, String> env =
                    Map.of(
                            "NEON_HOST", "127.0.0.1",
                            "NEON_PORT", String.valueOf(server.getPort()),
                            "NEON_USER", "shop_owner",
                            "NEON_PASSWORD", PASSWORD,
                            "NEON_DATABASE", "neon_like",
                            "NEON_SSLMODE", "disable");
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);

            int exit =
                    Demo.run(
                            new String[] {
                                "--setup", "--duration", "8s", "--plain", "--orders", "300"
                            },
                            env,
                            out);

            String printed = captured.toString(StandardCharsets.UTF_8);
            System.out.println(printed);
            assertThat(exit).isZero();
            assertThat(printed)
                    .contains(
                            "Connecting to shop_owner@127.0.0.1:" + server.getPort() + "/neon_like")
                    .contains("Exactly once: Flink's rows equal PostgreSQL's")
                    .contains("replication slots dropped")
                    .doesNotContain(PASSWORD);
            try (Connection c = server.getDatabase("shop_owner", "neon_like").getConnection();
                    Statement st = c.createStatement();
                    ResultSet rs =
                            st.executeQuery(
                                    "SELECT (SELECT count(*) FROM pg_replication_slots),"
                                            + " (SELECT count(*) FROM pg_publication WHERE pubname"
                                            + " = 'neon_cdc_demo_pub')")) {
                rs.next();
                assertThat(rs.getInt(1)).as("slots left").isZero();
                assertThat(rs.getInt(2)).as("publication kept for the next run").isOne();
            }
        }
    }

    private static EmbeddedPostgres startServer() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        return EmbeddedPostgres.builder()
                .setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("wal_level", "logical")
                .setServerConfig("fsync", "off")
                .start();
    }
}
