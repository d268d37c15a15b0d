package io.neoncdc.jobs.demo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The checks, each with its fix, that the demo makes before it touches an external server (e.g.
 * Neon): the pooled host pitfall, {@code wal_level}, the REPLICATION attribute and, without {@code
 * --setup}, that the demo schema and publication exist.
 */
final class NeonPreflight {
    private NeonPreflight() {}

    /** Null when the server is usable, else a message saying what to change. */
    static String problem(ConnectionSettings db, boolean setup) throws SQLException {
        if (db.isPoolerHost()) {
            return "NEON_HOST '"
                    + db.host
                    + "' is Neon's pooled (PgBouncer) endpoint, which cannot carry logical"
                    + " replication ('unsupported startup parameter: replication'). Use the"
                    + " direct host instead: NEON_HOST="
                    + db.directHost();
        }
        try (Connection c = db.connect();
                Statement st = c.createStatement()) {
            String walLevel = single(st, "SHOW wal_level");
            if (!"logical".equals(walLevel)) {
                return "wal_level is '"
                        + walLevel
                        + "', not 'logical'. On Neon: Project settings -> Logical Replication ->"
                        + " Enable (restarts the compute, cannot be undone). Elsewhere: set"
                        + " wal_level = logical and restart the server.";
            }
            String replication =
                    single(
                            st,
                            "SELECT rolreplication OR rolsuper FROM pg_roles WHERE rolname ="
                                    + " current_user");
            if (!"t".equals(replication)) {
                return "Role '"
                        + db.user
                        + "' may not stream changes: run ALTER ROLE "
                        + db.user
                        + " WITH REPLICATION; (on Neon, roles created in the console have it).";
            }
            return setup ? null : ShopSchema.missing(c);
        }
    }

    private static String single(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
