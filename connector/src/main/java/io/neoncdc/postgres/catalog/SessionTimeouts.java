package io.neoncdc.postgres.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Turns off the server-side timeouts a role or database may set ({@code statement_timeout}, {@code
 * idle_in_transaction_session_timeout}, {@code transaction_timeout} on PostgreSQL 17+) for the
 * sessions that must outlive them: a chunk's COPY may run long, and the transaction holding an
 * exported snapshot sits idle until its table's chunks are checkpointed. Killing either would force
 * the read again (or, for the exported snapshot, the whole table again).
 */
public final class SessionTimeouts {
    private SessionTimeouts() {}

    /** For the current transaction only ({@code SET LOCAL}; takes no snapshot). */
    public static void disableInTransaction(Statement st, int serverVersion) throws SQLException {
        st.execute(sql("SET LOCAL", serverVersion));
    }

    /** For the whole session of a connection of our own. */
    public static void disableForSession(Connection c, int serverVersion) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql("SET", serverVersion));
        }
    }

    private static String sql(String set, int serverVersion) {
        String sql =
                set + " statement_timeout = 0; " + set + " idle_in_transaction_session_timeout = 0";
        if (serverVersion >= 170000) {
            sql += "; " + set + " transaction_timeout = 0";
        }
        return sql;
    }
}
