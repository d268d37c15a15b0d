package io.neoncdc.jobs.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The PostgreSQL the bench measures: {@code PG_TEST_URL}, or an embedded server (zonky binaries)
 * tuned like a small real server; see {@link #SETTINGS} for what is set and why.
 */
final class BenchServer implements AutoCloseable {
    static final String DATABASE = "bench";

    /**
     * Server settings of the embedded server. zonky turns fsync and synchronous_commit off by
     * default; they are on here, as on a real server: with asynchronous commits the walsender only
     * sees a commit once the WAL writer flushes it (every wal_writer_delay, 200 ms), which would
     * distort the latency figure. Only the sessions that load data turn synchronous_commit off for
     * themselves (no figure times them, and the WAL they write is the same).
     */
    static final Map<String, String> SETTINGS =
            Map.ofEntries(
                    Map.entry("listen_addresses", "127.0.0.1"),
                    Map.entry("fsync", "on"),
                    Map.entry("synchronous_commit", "on"),
                    Map.entry("wal_level", "logical"),
                    Map.entry("max_replication_slots", "30"),
                    Map.entry("max_wal_senders", "30"),
                    Map.entry("shared_buffers", "512MB"),
                    Map.entry("wal_buffers", "16MB"),
                    Map.entry("max_wal_size", "8GB"),
                    Map.entry("checkpoint_timeout", "30min"),
                    Map.entry("maintenance_work_mem", "256MB"),
                    Map.entry("work_mem", "16MB"));

    final String host;
    final int port;
    final String user;
    final String password;
    final String database;
    final String sslMode;
    final String kind;
    private final EmbeddedPostgres embedded;

    private BenchServer(
            String kind,
            String host,
            int port,
            String user,
            String password,
            String database,
            String sslMode,
            EmbeddedPostgres embedded) {
        this.kind = kind;
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.database = database;
        this.sslMode = sslMode;
        this.embedded = embedded;
    }

    static BenchServer start() throws IOException, SQLException {
        String url = System.getenv("PG_TEST_URL");
        if (url != null && !url.isBlank()) {
            return external(url);
        }
        EmbeddedPostgres.Builder builder =
                EmbeddedPostgres.builder()
                        .setPort(freePort())
                        .setPGStartupWait(Duration.ofSeconds(60));
        SETTINGS.forEach(builder::setServerConfig);
        EmbeddedPostgres pg = builder.start();
        try (Connection c = pg.getPostgresDatabase().getConnection();
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + DATABASE);
        }
        return new BenchServer(
                "embedded", "127.0.0.1", pg.getPort(), "postgres", "", DATABASE, "disable", pg);
    }

    /** A server already running (the forked memory probe reaches the bench's server so). */
    static BenchServer of(
            String host, int port, String user, String password, String database, String ssl) {
        return new BenchServer("given", host, port, user, password, database, ssl, null);
    }

    private static BenchServer external(String url) {
        URI uri = URI.create(url.startsWith("jdbc:") ? url.substring(5) : url);
        String[] info = uri.getUserInfo() == null ? new String[0] : uri.getUserInfo().split(":", 2);
        String path = uri.getPath();
        String query = uri.getQuery() == null ? "" : uri.getQuery();
        return new BenchServer(
                "external (PG_TEST_URL)",
                uri.getHost(),
                uri.getPort() < 0 ? 5432 : uri.getPort(),
                info.length > 0 ? info[0] : "postgres",
                info.length > 1 ? info[1] : "",
                path == null || path.length() <= 1 ? "postgres" : path.substring(1),
                query.contains("sslmode=disable") ? "disable" : "require",
                null);
    }

    boolean isEmbedded() {
        return embedded != null;
    }

    private long postmasterPid;

    Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("sslmode", sslMode);
        props.setProperty("ApplicationName", "neon-postgres-cdc bench");
        return DriverManager.getConnection(
                "jdbc:postgresql://" + host + ":" + port + "/" + database, props);
    }

    /**
     * The pid of the server's postmaster when it runs on this machine (the parent of a backend),
     * else -1.
     */
    synchronized long postmasterPid() {
        boolean local = embedded != null || "127.0.0.1".equals(host) || "localhost".equals(host);
        if (postmasterPid == 0 && local) {
            postmasterPid = -1;
            try (Connection c = connect();
                    java.sql.Statement st = c.createStatement();
                    java.sql.ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                long backend = rs.getLong(1);
                postmasterPid =
                        ProcessHandle.of(backend)
                                .flatMap(ProcessHandle::parent)
                                .map(ProcessHandle::pid)
                                .orElse(-1L);
            } catch (SQLException | RuntimeException e) {
                // not reachable now, or not on this machine: count processes by name
            }
        }
        return local ? postmasterPid : -1;
    }

    /** The connection options of the source, password included. */
    Map<String, String> connectorOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("hostname", host);
        options.put("port", String.valueOf(port));
        options.put("username", user);
        options.put("password", password);
        options.put("database-name", database);
        options.put("ssl.mode", sslMode);
        return options;
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
