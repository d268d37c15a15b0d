package io.neoncdc.jobs.bench;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;
import org.postgresql.replication.PGReplicationStream;

/**
 * The latency baseline: a minimal pgjdbc replication reader (pgoutput, proto_version 1) on its own
 * thread that times each transaction's Begin on arrival against its commit timestamp — what the
 * server and the driver alone cost between commit and client.
 */
final class LatencyBaseline implements AutoCloseable {
    /** Microseconds from the Unix epoch to PostgreSQL's epoch, 2000-01-01. */
    private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

    private final Thread thread;
    private volatile boolean running = true;
    private volatile long fromMicros = Long.MAX_VALUE;
    private volatile long toMicros = Long.MAX_VALUE;
    private long[] latencies = new long[1 << 16];
    private int count;
    private volatile Exception failure;

    private LatencyBaseline(BenchServer server, String slot) {
        thread = new Thread(() -> read(server, slot), "latency-baseline");
        thread.setDaemon(true);
        thread.start();
    }

    static LatencyBaseline start(BenchServer server, String slot) {
        return new LatencyBaseline(server, slot);
    }

    /** Like {@link LatencyProbe#window}: times the commits in [from, to]. */
    synchronized void window(long from, long to) {
        if (from >= 0) {
            count = 0;
            fromMicros = from;
        }
        toMicros = to;
    }

    /** Commit-to-arrival latencies of the transactions committed in the window, sorted. */
    synchronized long[] sorted() {
        long[] s = Arrays.copyOf(latencies, count);
        Arrays.sort(s);
        return s;
    }

    private void read(BenchServer server, String slot) {
        try (Connection c = BareReplication.connect(server)) {
            PGReplicationStream stream = BareReplication.stream(c, slot);
            while (running) {
                ByteBuffer b = stream.readPending();
                if (b == null) {
                    LockSupport.parkNanos(100_000);
                    continue;
                }
                if (b.get(b.position()) == 'B') {
                    long commit = b.getLong(b.position() + 9) + PG_EPOCH_MICROS;
                    if (commit >= fromMicros && commit <= toMicros) {
                        record(LatencyProbe.nowMicros() - commit);
                    }
                }
            }
            stream.close();
        } catch (Exception e) {
            failure = e;
        }
    }

    private synchronized void record(long micros) {
        if (count == latencies.length) {
            latencies = Arrays.copyOf(latencies, count * 2);
        }
        latencies[count++] = micros;
    }

    @Override
    public void close() throws Exception {
        running = false;
        thread.join(10_000);
        if (failure != null) {
            throw failure;
        }
    }
}
