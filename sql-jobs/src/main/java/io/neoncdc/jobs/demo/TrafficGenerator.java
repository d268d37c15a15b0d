package io.neoncdc.jobs.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background thread writing shop traffic at a target rate of row changes per second: new orders
 * with items, status changes, cancellations, item edits, customer edits and events, each in its own
 * transaction.
 */
final class TrafficGenerator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TrafficGenerator.class);

    private final ConnectionSettings db;
    private final int rowsPerSecond;
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    TrafficGenerator(ConnectionSettings db, int rowsPerSecond) {
        this.db = db;
        this.rowsPerSecond = rowsPerSecond;
        this.thread = new Thread(this::loop, "demo-traffic");
        this.thread.setDaemon(true);
    }

    void start() {
        if (rowsPerSecond > 0) {
            thread.start();
        }
    }

    long transactions() {
        return transactions.get();
    }

    long rows() {
        return rows.get();
    }

    long errors() {
        return errors.get();
    }

    int targetRate() {
        return rowsPerSecond;
    }

    private void loop() {
        long nanosPerRow = 1_000_000_000L / rowsPerSecond;
        long next = System.nanoTime();
        while (running) {
            try (Connection c = db.connect()) {
                c.setAutoCommit(false);
                ShopTraffic shop = ShopTraffic.load(c);
                while (running) {
                    int written = shop.step();
                    c.commit();
                    transactions.incrementAndGet();
                    rows.addAndGet(written);
                    next += written * nanosPerRow;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    } else if (wait < -1_000_000_000L) {
                        next = System.nanoTime(); // slow server: do not burst to catch up
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                errors.incrementAndGet();
                LOG.warn("Traffic generator: {} (retrying in 1 s)", e.toString());
                pause();
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops writing and waits for the current transaction to end. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(10_000);
    }
}
