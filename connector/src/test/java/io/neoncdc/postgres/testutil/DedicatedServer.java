package io.neoncdc.postgres.testutil;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An embedded PostgreSQL of its own, of a chosen major and with chosen settings, for tests that
 * change server-wide state the shared {@link PostgresTestServer} must not see (tiny WAL limits,
 * slot timeouts, a standby). Its data directory survives {@link #stop()} so it can be restarted,
 * copied into a standby, and promoted.
 */
public final class DedicatedServer implements AutoCloseable {
    private final int major;
    private final Path dataDir;
    private final int port;
    private final Map<String, String> settings;
    private final Path ownedDir;
    private EmbeddedPostgres pg;

    private DedicatedServer(
            int major, Path dataDir, int port, Map<String, String> settings, Path ownedDir) {
        this.major = major;
        this.dataDir = dataDir;
        this.port = port;
        this.settings = settings;
        this.ownedDir = ownedDir;
    }

    /**
     * Starts a new server (initdb) of this major: {@code wal_level = logical} and room for a few
     * slots and senders, then these settings (values without spaces: they go on the command line).
     */
    public static DedicatedServer start(int major, Map<String, String> settings)
            throws IOException {
        Path dir = Files.createTempDirectory("neoncdc-pg" + major + "-");
        return start(major, dir.resolve("data"), settings, dir);
    }

    /** Starts a server on an existing data directory (e.g. a standby's copy), or a new one. */
    public static DedicatedServer startOn(int major, Path dataDir, Map<String, String> settings)
            throws IOException {
        return start(major, dataDir, settings, null);
    }

    private static DedicatedServer start(
            int major, Path dataDir, Map<String, String> settings, Path ownedDir)
            throws IOException {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("listen_addresses", "127.0.0.1");
        all.put("wal_level", "logical");
        all.put("max_replication_slots", "10");
        all.put("max_wal_senders", "10");
        all.put("wal_sender_timeout", "10s");
        all.put("fsync", "off");
        all.putAll(settings);
        DedicatedServer server =
                new DedicatedServer(major, dataDir, PostgresTestServer.freePort(), all, ownedDir);
        server.startAgain();
        return server;
    }

    /** Starts the stopped server again on the same data directory and port. */
    public void startAgain() throws IOException {
        EmbeddedPostgres.Builder builder =
                EmbeddedPostgres.builder()
                        .setPgBinaryResolver(BinariesJar.forMajor(major))
                        .setDataDirectory(dataDir)
                        .setCleanDataDirectory(false)
                        .setPort(port)
                        .setPGStartupWait(Duration.ofSeconds(120));
        settings.forEach(builder::setServerConfig);
        pg = builder.start();
        int actual = server().serverVersionNum() / 10000;
        if (actual != major) {
            throw new IllegalStateException(
                    "Asked for PostgreSQL " + major + " but the binaries run " + actual);
        }
    }

    /** Fast shutdown; the data directory stays. */
    public void stop() throws IOException {
        if (pg != null) {
            pg.close();
            pg = null;
        }
    }

    /** Immediate shutdown (SIGQUIT to the postmaster): a crash, no shutdown checkpoint. */
    public void stopImmediate() throws IOException, InterruptedException {
        long pid =
                Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        new ProcessBuilder("kill", "-QUIT", Long.toString(pid)).inheritIO().start().waitFor();
        for (int i = 0;
                i < 200 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
                i++) {
            Thread.sleep(50);
        }
        Files.deleteIfExists(dataDir.resolve("postmaster.pid"));
        try {
            stop(); // releases zonky's lock; pg_ctl finds nothing to stop
        } catch (IOException | RuntimeException ignored) {
            pg = null;
        }
    }

    /** The server as the test helpers see it: databases, connections, the connector's options. */
    public PostgresTestServer server() {
        return PostgresTestServer.dedicated(port, pg);
    }

    /** An existing database of this server (e.g. one a standby replicated). */
    public TestDatabase database(String name) {
        return new TestDatabase(server(), name);
    }

    public int major() {
        return major;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Stops the server and deletes the data directory this class created. */
    @Override
    public void close() throws IOException {
        stop();
        if (ownedDir != null) {
            try (Stream<Path> files = Files.walk(ownedDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
