package io.neoncdc.postgres.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes {@code ACCESS SHARE} on tables at the start of a snapshot transaction. It waits as long as
 * a conflicting lock is held (a running DDL may take long and is no error), but never silently: at
 * the first timed-out try and then every 30 seconds it logs who holds or queues for the conflicting
 * lock, and what to do about it.
 *
 * <p>One wait it does not sit out: a DDL queued for {@code ACCESS EXCLUSIVE} behind the lock that
 * the transaction exporting a keyless table's snapshot holds. New lock requests queue behind that
 * DDL, so the table's remaining chunks wait for the DDL, which waits for the exported snapshot,
 * which is released only once those chunks are read: a deadlock the server cannot see (the
 * exporting session is idle). The DDL has not started (it still waits for its lock), so its
 * statement is cancelled, as the server's deadlock detector would cancel one side, and the log says
 * to run it again once the table's snapshot finished.
 */
public final class TableLock {
    private static final Logger LOG = LoggerFactory.getLogger(TableLock.class);
    private static final String TRY = "2s";
    private static final long LOG_EVERY_NANOS = 30_000_000_000L;

    /** Starts (again) the transaction the lock is taken in. */
    @FunctionalInterface
    public interface Begin {
        void run(Statement st) throws SQLException;
    }

    private TableLock() {}

    /**
     * Locks the quoted tables in a transaction that {@code begin} starts (again after each try that
     * times out: the transaction is rolled back then, before it took a snapshot, so nothing is
     * lost). Server-side timeouts are turned off for that transaction ({@link SessionTimeouts}).
     *
     * @param exportedSnapshot the snapshot the transaction imports (a keyless table's chunk), or
     *     null
     */
    public static void accessShare(
            Connection c,
            Statement st,
            List<String> tables,
            int serverVersion,
            String exportedSnapshot,
            Begin begin)
            throws SQLException {
        String names = String.join(", ", tables);
        long start = System.nanoTime();
        long lastLog = Long.MIN_VALUE;
        while (true) {
            begin.run(st);
            SessionTimeouts.disableInTransaction(st, serverVersion);
            st.execute("SET LOCAL lock_timeout = '" + TRY + "'");
            try {
                st.execute("LOCK TABLE " + names + " IN ACCESS SHARE MODE");
                st.execute("SET LOCAL lock_timeout = 0");
                return;
            } catch (SQLException e) {
                if (!"55P03".equals(e.getSQLState())) {
                    throw e;
                }
                c.rollback();
            }
            if (exportedSnapshot != null) {
                cancelDdlBehindExport(c, tables, exportedSnapshot);
            }
            long now = System.nanoTime();
            if (lastLog == Long.MIN_VALUE || now - lastLog >= LOG_EVERY_NANOS) {
                lastLog = now;
                List<String> holders = holders(c, tables);
                c.rollback(); // the query took a snapshot: start the transaction again
                LOG.warn(
                        "Waiting {} s to lock {} (ACCESS SHARE, to read it consistently) behind:"
                                + " {}. A DDL on the table (ALTER TABLE, VACUUM FULL, CLUSTER,"
                                + " TRUNCATE, DROP) holds or waits for an ACCESS EXCLUSIVE lock:"
                                + " let it finish, or end it with SELECT pg_cancel_backend(<pid>);"
                                + " (a session idle in its transaction: SELECT"
                                + " pg_terminate_backend(<pid>); a prepared transaction: COMMIT"
                                + " PREPARED or ROLLBACK PREPARED '<gid>').",
                        (now - start) / 1_000_000_000L,
                        names,
                        holders.isEmpty()
                                ? "(no holder seen any more)"
                                : String.join("; ", holders));
            }
        }
    }

    /**
     * Cancels the statements queued for ACCESS EXCLUSIVE on the tables that wait for the session
     * holding the exported snapshot (see the class comment). Leaves the transaction rolled back.
     */
    private static void cancelDdlBehindExport(Connection c, List<String> tables, String exported)
            throws SQLException {
        String sql =
                "SELECT w.pid, left(a.query, 200), a.usename, pg_cancel_backend(w.pid)"
                        + " FROM pg_locks w JOIN pg_stat_activity a ON a.pid = w.pid"
                        + " WHERE w.locktype = 'relation' AND w.relation = ANY (?::regclass[])"
                        + " AND w.mode = 'AccessExclusiveLock' AND NOT w.granted"
                        + " AND (SELECT e.pid FROM pg_locks e WHERE e.locktype = 'virtualxid'"
                        + " AND e.virtualxid = ? AND e.granted) = ANY (pg_blocking_pids(w.pid))";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", tables.toArray()));
            ps.setString(2, exporterVirtualXid(exported));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    LOG.warn(
                            "Cancelled the statement of pid {} (role {}): {}. It waited for an"
                                    + " ACCESS EXCLUSIVE lock on {} behind the snapshot this"
                                    + " connector holds while it reads the table's chunks, and"
                                    + " those chunk reads queued behind it: a deadlock the server"
                                    + " cannot see. Run it again once the snapshot of the table"
                                    + " finished (or chunk the table by key with"
                                    + " 'scan.snapshot.chunk.key-column', which holds no lock"
                                    + " between chunks).",
                            rs.getInt(1),
                            rs.getString(3),
                            rs.getString(2),
                            String.join(", ", tables));
                }
            }
        } catch (SQLException e) {
            if (!"42501".equals(e.getSQLState())) {
                throw e;
            }
            LOG.warn(
                    "A DDL waits for an ACCESS EXCLUSIVE lock on {} behind the snapshot this"
                            + " connector holds for the table's chunks, and the chunk reads wait"
                            + " behind it: cancel that DDL (this role may not: {}), and run it"
                            + " again once the table's snapshot finished.",
                    String.join(", ", tables),
                    e.getMessage());
        } finally {
            c.rollback();
        }
    }

    /**
     * The virtual transaction id ({@code pg_locks.virtualxid}) of the transaction that exported a
     * snapshot: the id {@code 00000003-0000001B-1} is its backend (or proc number) and local
     * transaction id in hex, here {@code 3/27}.
     */
    static String exporterVirtualXid(String exportedSnapshot) {
        String[] parts = exportedSnapshot.split("-");
        return Long.parseLong(parts[0], 16) + "/" + Long.parseLong(parts[1], 16);
    }

    /** The sessions holding or queued for a lock that conflicts with ACCESS SHARE. */
    static List<String> holders(Connection c, List<String> tables) throws SQLException {
        String sql =
                "SELECT l.pid, a.datname, a.state, a.application_name,"
                        + " extract(epoch FROM now() - a.xact_start)::bigint || ' s', l.granted,"
                        + " left(a.query, 120)"
                        + " FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid"
                        + " WHERE l.locktype = 'relation' AND l.relation = ANY (?::regclass[])"
                        + " AND l.mode = 'AccessExclusiveLock'";
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", tables.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getObject(1) == null) {
                        out.add("a prepared transaction (see pg_prepared_xacts)");
                        continue;
                    }
                    out.add(
                            "pid "
                                    + rs.getInt(1)
                                    + " ("
                                    + (rs.getBoolean(6) ? "holds it" : "queued for it")
                                    + ", database "
                                    + rs.getString(2)
                                    + ", "
                                    + rs.getString(3)
                                    + ", transaction age "
                                    + rs.getString(5)
                                    + ", application '"
                                    + rs.getString(4)
                                    + "': "
                                    + rs.getString(7)
                                    + ")");
                }
            }
        }
        return out;
    }
}
