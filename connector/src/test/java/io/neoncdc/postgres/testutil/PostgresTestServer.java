package io.neoncdc.postgres.testutil;

import io.neoncdc.postgres.catalog.PlatformSlots;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one PostgreSQL server (wal_level=logical) shared by every integration test of a JVM: {@code
 * PG_TEST_URL}, else Testcontainers when Docker answers, else an embedded server from Maven Central
 * binaries; the major version is chosen by the {@code pg.version} property.
 */
public final class PostgresTestServer {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresTestServer.class);
    private static final AtomicInteger DATABASES = new AtomicInteger();

    /** Test databases created by this JVM → the test class that created each. */
    private static final java.util.Map<String, String> CREATED =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static PostgresTestServer instance;

    private static final String EXTERNAL = "external";

    /** Four base-36 characters that tell this JVM's databases from other JVMs' on one server. */
    private static final String RUN =
            Integer.toString(
                    36 * 36 * 36
                            + java.util.concurrent.ThreadLocalRandom.current()
                                    .nextInt(35 * 36 * 36 * 36),
                    36);

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String adminDatabase;
    private final String sslMode;
    private final String kind;
    private final EmbeddedPostgres embedded;

    private PostgresTestServer(
            String kind,
            String host,
            int port,
            String user,
            String password,
            String adminDatabase,
            String sslMode,
            EmbeddedPostgres embedded) {
        this.kind = kind;
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.adminDatabase = adminDatabase;
        this.sslMode = sslMode;
        this.embedded = embedded;
    }

    /** Returns the shared server, starting it on first use. */
    public static synchronized PostgresTestServer get() {
        if (instance == null) {
            instance = start();
            LOG.info(
                    "Test PostgreSQL: {} at {}:{} (server version {})",
                    instance.kind,
                    instance.host,
                    instance.port,
                    instance.serverVersionNum());
        }
        return instance;
    }

    /** The PostgreSQL major version requested through {@code -Dpg.version} (default 17). */
    public static int requestedMajorVersion() {
        return Integer.parseInt(System.getProperty("pg.version", "17"));
    }

    private static PostgresTestServer start() {
        String url = System.getenv("PG_TEST_URL");
        if (url != null && !url.isBlank()) {
            return fromUrl(url);
        }
        if (dockerAvailable()) {
            return startContainer();
        }
        return startEmbedded();
    }

    private static PostgresTestServer fromUrl(String url) {
        URI uri = URI.create(url.startsWith("jdbc:") ? url.substring(5) : url);
        String[] userInfo =
                uri.getUserInfo() == null ? new String[0] : uri.getUserInfo().split(":", 2);
        String db =
                uri.getPath() == null || uri.getPath().length() <= 1
                        ? "postgres"
                        : uri.getPath().substring(1);
        String query = uri.getQuery() == null ? "" : uri.getQuery();
        String ssl = query.contains("sslmode=disable") ? "disable" : "require";
        return new PostgresTestServer(
                EXTERNAL + " (PG_TEST_URL)",
                uri.getHost(),
                uri.getPort() < 0 ? 5432 : uri.getPort(),
                userInfo.length > 0 ? userInfo[0] : "postgres",
                userInfo.length > 1 ? userInfo[1] : "",
                db,
                ssl,
                null);
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable t) {
            return false;
        }
    }

    @SuppressWarnings("resource")
    private static PostgresTestServer startContainer() {
        PostgreSQLContainer container =
                new PostgreSQLContainer("postgres:" + requestedMajorVersion())
                        .withCommand(
                                "postgres",
                                "-c",
                                "wal_level=logical",
                                "-c",
                                "max_replication_slots=40",
                                "-c",
                                "max_wal_senders=40",
                                "-c",
                                "max_connections=300");
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
        return new PostgresTestServer(
                "Testcontainers " + container.getDockerImageName(),
                container.getHost(),
                container.getMappedPort(5432),
                container.getUsername(),
                container.getPassword(),
                container.getDatabaseName(),
                "disable",
                null);
    }

    /** A second, dedicated embedded server (see {@link DedicatedServer}). */
    static PostgresTestServer dedicated(int port, EmbeddedPostgres pg) {
        return new PostgresTestServer(
                "dedicated", "127.0.0.1", port, "postgres", "postgres", "postgres", "disable", pg);
    }

    private static PostgresTestServer startEmbedded() {
        return startEmbedded(java.util.Map.of());
    }

    /**
     * Starts an embedded server of its own (not the shared one) with some settings changed, e.g.
     * Neon's limits {@code max_replication_slots = 10}; stop it with {@code embedded().close()}.
     */
    public static PostgresTestServer startEmbedded(java.util.Map<String, String> settings) {
        try {
            int port = freePort();
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            BinariesJar.forRequestedVersion().ifPresent(builder::setPgBinaryResolver);
            java.util.Map<String, String> config = new java.util.LinkedHashMap<>();
            config.put("listen_addresses", "127.0.0.1");
            config.put("wal_level", "logical");
            config.put("max_replication_slots", "100");
            config.put("max_wal_senders", "40");
            config.put("max_connections", "300");
            config.put("fsync", "off");
            config.put("synchronous_commit", "off");
            config.put("full_page_writes", "off");
            config.put("wal_sender_timeout", "60s");
            config.putAll(settings);
            builder.setPort(port).setPGStartupWait(java.time.Duration.ofSeconds(60));
            config.forEach(builder::setServerConfig);
            EmbeddedPostgres pg = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(pg)));
            return new PostgresTestServer(
                    "embedded",
                    "127.0.0.1",
                    port,
                    "postgres",
                    "postgres",
                    "postgres",
                    "disable",
                    pg);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the embedded PostgreSQL", e);
        }
    }

    private static void closeQuietly(EmbeddedPostgres pg) {
        try {
            pg.close();
        } catch (IOException e) {
            LOG.warn("Stopping the embedded PostgreSQL failed", e);
        }
    }

    /** A TCP port that was free a moment ago on 127.0.0.1. */
    public static int freePort() throws IOException {
        try (ServerSocket socket =
                new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /**
     * {@code n} distinct TCP ports that were free a moment ago on 127.0.0.1: each socket stays open
     * until all are chosen, so two calls of {@link #freePort()} in a row cannot hand out the same
     * port twice (the kernel may reuse a port as soon as its socket is closed).
     */
    public static int[] freePorts(int n) throws IOException {
        java.util.List<ServerSocket> sockets = new java.util.ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket socket =
                        new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    /**
     * Creates a fresh database for one test class. On a server of {@code PG_TEST_URL} the name also
     * carries this JVM's {@link #RUN}: each JVM counts from 1, and two runs at once against one
     * server (two builds, or a developer and CI on one Neon branch) would otherwise drop each
     * other's databases, slots included, with {@code DROP DATABASE IF EXISTS} while their jobs use
     * them. A server of this JVM's own starts empty and keeps the short names.
     */
    public TestDatabase createDatabase(String prefix) {
        return createDatabase(prefix, "");
    }

    /**
     * Creates a fresh database for one test class with {@code CREATE DATABASE} options, e.g. {@code
     * TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'}.
     */
    public TestDatabase createDatabase(String prefix, String options) {
        String name =
                (prefix.toLowerCase().replaceAll("[^a-z0-9_]", "_")
                                + "_"
                                + DATABASES.incrementAndGet()
                                + (kind.startsWith(EXTERNAL) ? "_" + RUN : ""))
                        .replaceAll("^([^a-z_])", "d$1");
        if (name.length() > 60) {
            name = name.substring(name.length() - 60);
        }
        String owner = TestClasses.caller();
        try (Connection c = connect(adminDatabase);
                Statement st = c.createStatement()) {
            dropIdleSlots(c, owner);
            CREATED.put(name, owner);
            st.execute("DROP DATABASE IF EXISTS \"" + name + "\"");
            st.execute("CREATE DATABASE \"" + name + "\" " + options);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name, e);
        }
        return new TestDatabase(this, name);
    }

    /**
     * Slots belong to the server, not to a database, and each retains WAL: the idle slots of test
     * databases that <em>other</em> test classes of this JVM created are dropped before a new one
     * is made; the platform's own slots ({@link PlatformSlots}) never are. Test classes run one
     * after the other and each stops its jobs (its MiniCluster) when it ends, so another class's
     * slot is no longer used. A slot of this class's own databases is left alone: it is idle too
     * while its job restarts between attempts (or while a job a test left behind is being
     * cancelled), and dropping it then fails that job with "replication slot … does not exist".
     */
    private static void dropIdleSlots(Connection c, String owner) throws SQLException {
        java.util.List<String> finished = new java.util.ArrayList<>();
        CREATED.forEach(
                (database, creator) -> {
                    if (!creator.equals(owner)) {
                        finished.add(database);
                    }
                });
        dropIdleSlots(c, finished);
    }

    /**
     * Drops the idle slots of these databases, one at a time, each in its own statement: a slot
     * listed as idle may be dropped meanwhile by its own job (a bounded job drops its slot when it
     * ends) or become active again, and neither is an error here.
     */
    static void dropIdleSlots(Connection c, java.util.Collection<String> databases)
            throws SQLException {
        if (databases.isEmpty()) {
            return;
        }
        java.util.List<String> idle = new java.util.ArrayList<>();
        try (java.sql.PreparedStatement ps =
                c.prepareStatement(
                        "SELECT slot_name FROM pg_replication_slots"
                                + " WHERE NOT active AND database = ANY (?) AND "
                                + PlatformSlots.notPlatform("slot_name"))) {
            ps.setArray(1, c.createArrayOf("text", databases.toArray()));
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    idle.add(rs.getString(1));
                }
            }
        }
        for (String slot : idle) {
            try (java.sql.PreparedStatement drop =
                    c.prepareStatement("SELECT pg_drop_replication_slot(?)")) {
                drop.setString(1, slot);
                drop.execute();
            } catch (SQLException e) {
                // 42704: already dropped by its job; 55006: in use again.
                if (!"42704".equals(e.getSQLState()) && !"55006".equals(e.getSQLState())) {
                    throw e;
                }
            }
        }
    }

    /** Opens a plain JDBC connection to a database of this server as the admin user. */
    public Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("sslmode", sslMode);
        return DriverManager.getConnection(jdbcUrl(database), props);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** {@code server_version_num}, e.g. 170011. */
    public int serverVersionNum() {
        try (Connection c = connect(adminDatabase);
                Statement st = c.createStatement();
                var rs = st.executeQuery("SHOW server_version_num")) {
            rs.next();
            return Integer.parseInt(rs.getString(1));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Restarts the server (embedded only): fast shutdown, then start on the same port and data. */
    public EmbeddedPostgres embedded() {
        return embedded;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public String sslMode() {
        return sslMode;
    }
}
