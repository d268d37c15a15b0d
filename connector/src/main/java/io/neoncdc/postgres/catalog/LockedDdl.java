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
 * Runs a DDL statement that locks tables (CREATE or ALTER PUBLICATION … TABLE takes SHARE UPDATE
 * EXCLUSIVE on each) without waiting silently: it tries with a short {@code lock_timeout} and tries
 * again until it gets its locks, saying right away and then every 30 seconds which sessions hold
 * conflicting locks (an anti-wraparound VACUUM, a DDL, a long transaction) and how to end them.
 * Waiting itself is right: the statement must run, and the lock holders are the server's business.
 */
public final class LockedDdl {
    private static final Logger LOG = LoggerFactory.getLogger(LockedDdl.class);
    private static final String TRY = "3s";
    private static final long REPORT_EVERY_NANOS = 30_000_000_000L;

    private LockedDdl() {}

    /**
     * Runs {@code ddl} in its own transaction on an auto-commit connection.
     *
     * @param tables the quoted tables it locks (for the report)
     */
    public static void execute(Connection c, String ddl, List<String> tables) throws SQLException {
        if (!c.getAutoCommit()) {
            try (Statement st = c.createStatement()) {
                st.execute(ddl); // inside the caller's transaction: not ours to retry
            }
            return;
        }
        long start = System.nanoTime();
        long lastReport = Long.MIN_VALUE;
        c.setAutoCommit(false);
        try {
            while (true) {
                try (Statement st = c.createStatement()) {
                    st.execute("SET LOCAL lock_timeout = '" + TRY + "'");
                    st.execute(ddl);
                    c.commit();
                    return;
                } catch (SQLException e) {
                    c.rollback();
                    if (!"55P03".equals(e.getSQLState())) {
                        throw e;
                    }
                }
                long now = System.nanoTime();
                if (lastReport == Long.MIN_VALUE || now - lastReport >= REPORT_EVERY_NANOS) {
                    lastReport = now;
                    List<String> holders = holders(c, tables);
                    c.rollback();
                    LOG.warn(
                            "Waiting {} s for locks on {} to run: {}. Blocked by: {}. Let them"
                                    + " finish, or end them (SELECT pg_cancel_backend(<pid>); for"
                                    + " a VACUUM or a running statement, SELECT"
                                    + " pg_terminate_backend(<pid>); for a session idle in its"
                                    + " transaction; COMMIT PREPARED or ROLLBACK PREPARED '<gid>'"
                                    + " for a prepared transaction).",
                            (now - start) / 1_000_000_000L,
                            String.join(", ", tables),
                            ddl,
                            holders.isEmpty()
                                    ? "(no holder seen any more)"
                                    : String.join("; ", holders));
                }
            }
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** Sessions holding a lock on the tables stronger than the ones reads and writes take. */
    static List<String> holders(Connection c, List<String> tables) throws SQLException {
        String sql =
                "SELECT l.pid, l.mode, a.datname, a.state, a.backend_type, extract(epoch FROM now()"
                    + " - a.xact_start)::bigint || ' s', left(a.query, 120) FROM pg_locks l LEFT"
                    + " JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'relation' AND"
                    + " l.granted AND l.relation = ANY (?::regclass[]) AND l.mode NOT IN"
                    + " ('AccessShareLock', 'RowShareLock', 'RowExclusiveLock') AND l.pid IS"
                    + " DISTINCT FROM pg_backend_pid()";
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", tables.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getObject(1) == null) {
                        out.add(rs.getString(2) + " held by a prepared transaction");
                        continue;
                    }
                    out.add(
                            "pid "
                                    + rs.getInt(1)
                                    + " holds "
                                    + rs.getString(2)
                                    + " ("
                                    + rs.getString(5)
                                    + ", database "
                                    + rs.getString(3)
                                    + ", "
                                    + rs.getString(4)
                                    + ", transaction age "
                                    + rs.getString(6)
                                    + ": "
                                    + rs.getString(7)
                                    + ")");
                }
            }
        }
        return out;
    }
}
