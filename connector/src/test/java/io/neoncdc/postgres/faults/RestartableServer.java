package io.neoncdc.postgres.faults;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A PostgreSQL of its own for fault tests (the shared server must not be restarted): keeps its data
 * directory and port across stops, and can be stopped fast or immediately.
 */
final class RestartableServer implements AutoCloseable {
    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres pg;

    RestartableServer(Path dataDir, int port) throws IOException {
        this.dataDir = dataDir;
        this.port = port;
        start();
    }

    int port() {
        return port;
    }

    void start() throws IOException {
        pg =
                EmbeddedPostgres.builder()
                        .setDataDirectory(dataDir)
                        .setCleanDataDirectory(false)
                        .setPort(port)
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        .setServerConfig("wal_level", "logical")
                        .setServerConfig("max_replication_slots", "10")
                        .setServerConfig("max_wal_senders", "10")
                        .setServerConfig("wal_sender_timeout", "10s")
                        .setPGStartupWait(Duration.ofSeconds(60))
                        .start();
    }

    /** Fast shutdown (pg_ctl -m fast): sessions are ended, WAL is flushed. */
    void stopFast() throws IOException {
        pg.close();
    }

    /** Immediate shutdown (SIGQUIT to the postmaster): no checkpoint, crash recovery on start. */
    void stopImmediate() throws IOException, InterruptedException {
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
            pg.close(); // releases the data directory lock; the server is already gone
        } catch (IOException | RuntimeException ignored) {
            // pg_ctl stop finds nothing to stop
        }
    }

    @Override
    public void close() throws IOException {
        if (pg != null) {
            try {
                pg.close();
            } catch (IOException | RuntimeException e) {
                // already stopped
            }
        }
    }
}
