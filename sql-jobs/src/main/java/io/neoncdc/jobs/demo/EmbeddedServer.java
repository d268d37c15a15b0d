package io.neoncdc.jobs.demo;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A throw-away PostgreSQL with {@code wal_level = logical} on a free port of 127.0.0.1 (zonky
 * binaries from Maven Central), holding the demo database {@code shop}.
 */
final class EmbeddedServer implements AutoCloseable {
    static final String DATABASE = "shop";

    private final EmbeddedPostgres postgres;
    private final ConnectionSettings settings;

    private EmbeddedServer(EmbeddedPostgres postgres, ConnectionSettings settings) {
        this.postgres = postgres;
        this.settings = settings;
    }

    /** Where the server will be: a free port, known before it starts. */
    static ConnectionSettings plan() throws IOException {
        return new ConnectionSettings(
                "127.0.0.1", freePort(), "postgres", "postgres", DATABASE, "disable");
    }

    static EmbeddedServer start(ConnectionSettings planned) throws IOException, SQLException {
        int port = planned.port;
        EmbeddedPostgres postgres =
                EmbeddedPostgres.builder()
                        .setPort(port)
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        .setServerConfig("wal_level", "logical")
                        .setServerConfig("max_replication_slots", "10")
                        .setServerConfig("max_wal_senders", "10")
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setPGStartupWait(Duration.ofSeconds(60))
                        // The demo stops the server itself, after the Flink job is gone.
                        .setRegisterShutdownHook(false)
                        .start();
        EmbeddedServer server = new EmbeddedServer(postgres, planned);
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            server.close();
            throw e;
        }
        return server;
    }

    ConnectionSettings settings() {
        return settings;
    }

    int port() {
        return settings.port;
    }

    /** Fast shutdown; waits for the postmaster to exit and removes the data directory. */
    @Override
    public void close() throws IOException {
        postgres.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
