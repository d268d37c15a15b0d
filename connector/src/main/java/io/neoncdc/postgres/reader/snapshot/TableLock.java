package io.neoncdc.postgres.reader.snapshot;

import io.neoncdc.postgres.catalog.TableId;
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
 * Takes {@code ACCESS SHARE} on a table at the start of a snapshot transaction, before its snapshot
 * exists. It waits as long as a conflicting lock is held (a running DDL may take long and is no
 * error), but never silently: every 30 seconds it logs who holds or queues for the conflicting
 * lock, and what to do about it.
 */
public final class TableLock {
    private static final Logger LOG = LoggerFactory.getLogger(TableLock.class);
    private static final String TRY = "2s";
    private static final long LOG_EVERY_NANOS = 30_000_000_000L;

    private TableLock() {}

    /**
     * Locks the table in the transaction {@code st} runs in; the server-side timeouts are turned
     * off for that transaction as well ({@link SessionTimeouts}). Each try that times out rolls the
     * transaction back (it has no snapshot yet, so nothing is lost) and tries again.
     */
    public static void accessShare(Connection c, Statement st, TableId table, int serverVersion)
            throws SQLException {
        accessShare(c, st, List.of(table.quoted()), serverVersion);
    }

    /** As {@link #accessShare(Connection, Statement, TableId, int)}, for these quoted tables. */
    public static void accessShare(
            Connection c, Statement st, List<String> tables, int serverVersion)
            throws SQLException {
        String names = String.join(", ", tables);
        long start = System.nanoTime();
        long lastLog = start;
        while (true) {
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
            long now = System.nanoTime();
            if (now - lastLog >= LOG_EVERY_NANOS) {
                lastLog = now;
                List<String> holders = holders(c, tables);
                c.rollback(); // the query took a snapshot: start the transaction again
                LOG.warn(
                        "Waiting {} s to lock {} (ACCESS SHARE, to read it consistently) behind:"
                            + " {}. A DDL on the table (ALTER TABLE, VACUUM FULL, CLUSTER,"
                            + " TRUNCATE) holds or waits for an ACCESS EXCLUSIVE lock: let it"
                            + " finish, or end it with SELECT pg_cancel_backend(<pid>); (a prepared"
                            + " transaction: COMMIT PREPARED or ROLLBACK PREPARED '<gid>').",
                        (now - start) / 1_000_000_000L,
                        names,
                        holders.isEmpty()
                                ? "(no holder seen any more)"
                                : String.join("; ", holders));
            }
        }
    }

    /** The sessions holding or queued for a lock that conflicts with ACCESS SHARE. */
    static List<String> holders(Connection c, List<String> tables) throws SQLException {
        String sql =
                "SELECT l.pid, a.datname, a.state, a.application_name,"
                        + " date_trunc('second', now() - a.xact_start)::text, l.granted,"
                        + " left(a.query, 120), p.gid"
                        + " FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid"
                        + " LEFT JOIN pg_prepared_xacts p ON p.transaction = l.transactionid"
                        + " OR l.virtualtransaction = '-1/' || p.transaction::text"
                        + " WHERE l.locktype = 'relation' AND l.relation = ANY (?::regclass[])"
                        + " AND l.mode = 'AccessExclusiveLock'";
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", tables.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getObject(1) == null) {
                        out.add(
                                "a prepared transaction"
                                        + (rs.getString(8) == null
                                                ? ""
                                                : " '" + rs.getString(8) + "'"));
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
