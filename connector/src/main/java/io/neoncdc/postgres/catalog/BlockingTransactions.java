package io.neoncdc.postgres.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The transactions something waits for when it must wait for every transaction running at a moment:
 * creating a logical slot (the slot is consistent only once they ended, in every database of the
 * server) or the barrier of a table joining the publication. Lists sessions that hold a transaction
 * id and began before that moment, and prepared transactions prepared before it, with how to end
 * each.
 */
public final class BlockingTransactions {
    private BlockingTransactions() {}

    /**
     * One line per transaction that began before {@code since} (a server timestamp, as text) and
     * may still hold up the wait; the last line names the fix. Empty if none is seen.
     */
    public static List<String> describe(Connection c, String since) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT pid, datname, usename, application_name, state,"
                                + " extract(epoch FROM now() - xact_start)::bigint || ' s',"
                                + " left(query, 100)"
                                + " FROM pg_stat_activity"
                                + " WHERE backend_xid IS NOT NULL AND pid <> pg_backend_pid()"
                                + " AND xact_start < ?::timestamptz ORDER BY xact_start")) {
            ps.setString(1, since);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(
                            "pid "
                                    + rs.getInt(1)
                                    + " (database "
                                    + rs.getString(2)
                                    + ", role "
                                    + rs.getString(3)
                                    + ", application '"
                                    + rs.getString(4)
                                    + "', "
                                    + rs.getString(5)
                                    + ", transaction age "
                                    + rs.getString(6)
                                    + ": "
                                    + rs.getString(7)
                                    + ")");
                }
            }
        }
        boolean sessions = !out.isEmpty();
        boolean prepared = false;
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT gid, database, owner, extract(epoch FROM now() - prepared)::bigint"
                                + " || ' s' FROM pg_prepared_xacts WHERE prepared < ?::timestamptz"
                                + " ORDER BY prepared")) {
            ps.setString(1, since);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    prepared = true;
                    out.add(
                            "prepared transaction '"
                                    + rs.getString(1)
                                    + "' (database "
                                    + rs.getString(2)
                                    + ", owner "
                                    + rs.getString(3)
                                    + ", prepared "
                                    + rs.getString(4)
                                    + " ago)");
                }
            }
        }
        if (sessions || prepared) {
            out.add(
                    "to go on, end them: "
                            + (sessions
                                    ? "COMMIT or ROLLBACK in those sessions, or SELECT"
                                            + " pg_terminate_backend(<pid>);"
                                    : "")
                            + (sessions && prepared ? " and " : "")
                            + (prepared
                                    ? "COMMIT PREPARED '<gid>'; or ROLLBACK PREPARED '<gid>'; in"
                                            + " its database"
                                    : ""));
        }
        return out;
    }

    /** The server's clock now, as text for {@link #describe}. */
    public static String now(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT clock_timestamp()::text");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }
}
