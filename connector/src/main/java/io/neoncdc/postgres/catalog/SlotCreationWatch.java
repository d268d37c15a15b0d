package io.neoncdc.postgres.catalog;

import java.sql.Connection;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says, after 10 seconds and then every 30, what a logical slot's creation waits for: the slot
 * becomes consistent only once every transaction that held a transaction id when it started has
 * ended, in every database of the server, idle-in-transaction sessions and prepared transactions
 * included, and nothing else would tell. Runs on a thread and a connection of its own, since the
 * creating connection is blocked.
 */
public final class SlotCreationWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SlotCreationWatch.class);
    static final long FIRST_REPORT_MILLIS = 10_000;
    static final long REPORT_EVERY_MILLIS = 30_000;

    private final Thread thread;
    private volatile boolean done;

    private SlotCreationWatch(String slot, String since, Callable<Connection> connect) {
        long start = System.nanoTime();
        thread =
                new Thread(
                        () -> {
                            Connection c = null;
                            try {
                                long pause = FIRST_REPORT_MILLIS;
                                while (!done) {
                                    Thread.sleep(pause);
                                    pause = REPORT_EVERY_MILLIS;
                                    if (done) {
                                        return;
                                    }
                                    if (c == null) {
                                        c = connect.call();
                                    }
                                    report(c, slot, since, start);
                                }
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            } catch (Exception e) {
                                LOG.debug("Watching the creation of slot {} failed", slot, e);
                            } finally {
                                close(c);
                            }
                        },
                        "neoncdc-slot-creation-watch");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Starts watching, or returns a no-op when there is no way to open a second connection.
     *
     * @param since the server's clock when the creation started ({@link BlockingTransactions#now})
     */
    static SlotCreationWatch start(String slot, String since, Callable<Connection> connect) {
        return connect == null ? null : new SlotCreationWatch(slot, since, connect);
    }

    private static void report(Connection c, String slot, String since, long start)
            throws Exception {
        java.util.List<String> blockers = BlockingTransactions.describe(c, since);
        LOG.warn(
                "Creating replication slot {} has waited {} s for the transactions that were"
                        + " running when it started (in any database) to end: {}",
                slot,
                (System.nanoTime() - start) / 1_000_000_000L,
                blockers.isEmpty()
                        ? "none is seen any more; it waits for the server to log its running"
                                + " transactions again"
                        : String.join("; ", blockers));
    }

    private static void close(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // the watch is best effort
            }
        }
    }

    @Override
    public void close() {
        done = true;
        thread.interrupt();
    }
}
