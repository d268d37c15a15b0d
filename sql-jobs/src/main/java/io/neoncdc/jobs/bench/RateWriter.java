package io.neoncdc.jobs.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A steady writer for the latency run: several connections, each inserting single-row transactions
 * (auto-commit, synchronous_commit at the server default) on a fixed schedule; each row carries
 * {@code clock_timestamp()} as {@code written_at}.
 */
final class RateWriter implements AutoCloseable {
    static final int CONNECTIONS = 4;

    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong written = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final AtomicLong nextId;
    private volatile boolean running = true;

    private RateWriter(long firstId) {
        this.nextId = new AtomicLong(firstId);
    }

    /** Starts writing {@code rate} rows per second in total. */
    static RateWriter start(BenchServer server, int rate, long firstId) {
        RateWriter w = new RateWriter(firstId);
        long intervalNanos = 1_000_000_000L * CONNECTIONS / rate;
        long start = System.nanoTime();
        for (int i = 0; i < CONNECTIONS; i++) {
            int writer = i;
            long first = start + intervalNanos * i / CONNECTIONS;
            Thread t =
                    new Thread(() -> w.write(server, writer, first, intervalNanos), "writer-" + i);
            t.setDaemon(true);
            w.threads.add(t);
            t.start();
        }
        return w;
    }

    long written() {
        return written.get();
    }

    long nextId() {
        return nextId.get();
    }

    private void write(BenchServer server, int writer, long first, long intervalNanos) {
        try (Connection c = server.connect();
                PreparedStatement st =
                        c.prepareStatement(
                                "INSERT INTO "
                                        + DataSets.LATENCY
                                        + " (id, written_at, writer, payload)"
                                        + " VALUES (?, clock_timestamp(), ?, ?)")) {
            long next = first;
            while (running) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                    continue;
                }
                if (wait < -1_000_000_000L) {
                    next = System.nanoTime(); // a second behind: keep the pace, skip the backlog
                }
                long id = nextId.getAndIncrement();
                st.setLong(1, id);
                st.setInt(2, writer);
                st.setString(3, "payload of change " + id + " from writer " + writer);
                st.executeUpdate();
                written.incrementAndGet();
                next += intervalNanos;
            }
        } catch (Exception e) {
            failure.compareAndSet(null, e);
        }
    }

    @Override
    public void close() throws Exception {
        running = false;
        for (Thread t : threads) {
            t.join(10_000);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }
}
