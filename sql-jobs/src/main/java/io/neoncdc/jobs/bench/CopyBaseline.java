package io.neoncdc.jobs.bench;

import java.sql.Connection;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * The snapshot baseline: a plain pgjdbc client that connects and drains {@code COPY (SELECT * FROM
 * t) TO STDOUT (FORMAT binary)} with {@code CopyManager.copyOut} and {@code readFromCopy}, parsing
 * nothing.
 */
final class CopyBaseline {
    private CopyBaseline() {}

    /** CPU seconds of the last drain: this thread (the client) and PostgreSQL. */
    static double lastClientCpu;

    static double lastPostgresCpu;

    /** Returns the elapsed seconds from connecting to the end of the COPY stream. */
    static double drain(BenchServer server, String table) throws Exception {
        java.lang.management.ThreadMXBean threads =
                java.lang.management.ManagementFactory.getThreadMXBean();
        long clientStart = threads.getCurrentThreadCpuTime();
        CpuMeter cpu = new CpuMeter(server);
        long start = System.nanoTime();
        long bytes = 0;
        try (Connection c = server.connect()) {
            CopyOut copy =
                    c.unwrap(PGConnection.class)
                            .getCopyAPI()
                            .copyOut(
                                    "COPY (SELECT * FROM " + table + ") TO STDOUT (FORMAT binary)");
            byte[] message;
            while ((message = copy.readFromCopy()) != null) {
                bytes += message.length;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        lastClientCpu = (threads.getCurrentThreadCpuTime() - clientStart) / 1e9;
        cpu.close();
        lastPostgresCpu = cpu.postgresSeconds();
        if (bytes == 0) {
            throw new IllegalStateException("COPY of " + table + " returned nothing");
        }
        return seconds;
    }
}
