package io.neoncdc.postgres.catalog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A barrier behind the transactions running at one moment: once a table is added to the
 * publication, changes that transactions already running made to it before are not published
 * (pgoutput decodes each change with the catalog of its time), so its snapshot must be taken after
 * they finished.
 */
public final class RunningTransactions {
    private static final Logger LOG = LoggerFactory.getLogger(RunningTransactions.class);

    private static final long REPORT_EVERY_NANOS = 30_000_000_000L;

    private final long xmax;
    private final String since;
    private final long startNanos = System.nanoTime();
    private long lastReportNanos = startNanos;
    private boolean logged;
    private boolean done;
    private long nextCheckNanos;

    private RunningTransactions(long xmax, String since) {
        this.xmax = xmax;
        this.since = since;
    }

    /** The transactions running now (every transaction id below the current snapshot's xmax). */
    public static RunningTransactions now(Connection c) throws SQLException {
        String since = BlockingTransactions.now(c);
        return new RunningTransactions(snapshotBound(c, "xmax"), since);
    }

    /**
     * Whether every transaction running at {@link #now} has finished (asks at most every 100 ms).
     */
    public boolean finished(Connection c) throws SQLException {
        if (done || System.nanoTime() < nextCheckNanos) {
            return done;
        }
        long xmin = snapshotBound(c, "xmin");
        if (xmin >= xmax) {
            done = true;
            return true;
        }
        long now = System.nanoTime();
        nextCheckNanos = now + 100_000_000L;
        if (now - lastReportNanos >= REPORT_EVERY_NANOS) {
            // Never a silent wait: an abandoned session or prepared transaction blocks forever.
            lastReportNanos = now;
            LOG.warn(
                    "Still waiting after {} s for transactions older than {} to finish before"
                            + " reading a table that joined the publication: {}",
                    (now - startNanos) / 1_000_000_000L,
                    xmax,
                    String.join("; ", BlockingTransactions.describe(c, since)));
        }
        if (!logged) {
            logged = true;
            LOG.info(
                    "Waiting for transactions older than {} to finish (oldest running: {}) before"
                            + " reading a table that joined the publication",
                    xmax,
                    xmin);
        }
        return false;
    }

    /** Blocks until {@link #finished}, polling. */
    public void await(Connection c) throws SQLException {
        long pause = 100;
        while (!finished(c)) {
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("Interrupted while waiting for running transactions", e);
            }
            pause = Math.min(pause * 2, 1000);
        }
    }

    private static long snapshotBound(Connection c, String bound) throws SQLException {
        String sql =
                "SELECT "
                        + SnapshotFunctions.of(ServerVersion.of(c)).currentBound(bound)
                        + "::text";
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return Long.parseLong(rs.getString(1));
        }
    }
}
