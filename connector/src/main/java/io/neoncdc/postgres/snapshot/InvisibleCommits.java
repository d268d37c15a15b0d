package io.neoncdc.postgres.snapshot;

import io.neoncdc.postgres.catalog.ServerVersion;
import io.neoncdc.postgres.catalog.SnapshotFunctions;
import io.neoncdc.postgres.split.VisibilitySnapshot;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transactions whose commit is in the WAL (so logical decoding may already have streamed it, or the
 * slot's start may already be past it) but which snapshots taken now do not see yet: with
 * synchronous replication, and on Neon, where a commit waits for the safekeepers, the committing
 * backend stays in the proc array until the acknowledgement arrives. A read that must contain every
 * transaction committed before it waits for these to become visible (review §3).
 */
public final class InvisibleCommits {
    private static final Logger LOG = LoggerFactory.getLogger(InvisibleCommits.class);

    private static final String SYNC_REP_WAITERS =
            "SELECT backend_xid::text FROM pg_stat_activity WHERE wait_event = 'SyncRep'"
                    + " AND backend_xid IS NOT NULL";

    private final List<Long> xids;

    private InvisibleCommits(List<Long> xids) {
        this.xids = xids;
    }

    /** The committed transactions that a snapshot taken now does not see (64-bit xids). */
    public static InvisibleCommits now(Connection c) throws SQLException {
        String sql = SnapshotFunctions.of(ServerVersion.of(c)).committedButRunning();
        List<Long> xids = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                xids.add(Long.parseLong(rs.getString(1)));
            }
        }
        // A commit waiting for the standby may also be at or above the snapshot's xmax (not in
        // xip at all: xmax only moves once it leaves the proc array). Its session shows it.
        VisibilitySnapshot now = CurrentSnapshot.of(c);
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(SYNC_REP_WAITERS)) {
            while (rs.next()) {
                long xid = now.extend(Long.parseLong(rs.getString(1)));
                if (!xids.contains(xid)) {
                    xids.add(xid);
                }
            }
        }
        return new InvisibleCommits(xids);
    }

    /** Whether every one of them is visible to {@code snapshot} (those that are are forgotten). */
    public boolean visibleTo(VisibilitySnapshot snapshot) {
        xids.removeIf(snapshot::sees);
        return xids.isEmpty();
    }

    /** The transactions still waited for. */
    public List<Long> xids() {
        return List.copyOf(xids);
    }

    /**
     * Blocks until every one of them is visible, logging every 30 s which ones (and why) it waits
     * for; {@code before} says what waits.
     */
    public void await(Connection c, String before) throws SQLException {
        long start = System.nanoTime();
        long nextLog = start + 2_000_000_000L;
        long pause = 10;
        while (!visibleTo(CurrentSnapshot.of(c))) {
            if (System.nanoTime() >= nextLog) {
                nextLog = System.nanoTime() + 30_000_000_000L;
                LOG.warn(
                        "Waiting {} s for transactions {} before {}: {}",
                        (System.nanoTime() - start) / 1_000_000_000L,
                        xids,
                        before,
                        CurrentSnapshot.WHY);
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("Interrupted while waiting for transactions " + xids, e);
            }
            pause = Math.min(pause * 2, 500);
        }
    }
}
