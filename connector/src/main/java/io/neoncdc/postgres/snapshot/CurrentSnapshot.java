package io.neoncdc.postgres.snapshot;

import io.neoncdc.postgres.catalog.ServerVersion;
import io.neoncdc.postgres.catalog.SnapshotFunctions;
import io.neoncdc.postgres.split.VisibilitySnapshot;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The visibility snapshot a statement run now would see. */
public final class CurrentSnapshot {
    /** Why committed transactions can stay invisible, and where to look. */
    public static final String WHY =
            "they committed (their changes are in the WAL) but are not visible to new snapshots"
                    + " yet, which happens while a commit waits for a synchronous standby"
                    + " (synchronous_standby_names; on Neon, the safekeepers); pg_stat_activity"
                    + " shows such sessions with wait_event 'SyncRep'";

    private CurrentSnapshot() {}

    public static VisibilitySnapshot of(Connection c) throws SQLException {
        String sql = "SELECT " + SnapshotFunctions.of(ServerVersion.of(c)).current() + "::text";
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return VisibilitySnapshot.parse(rs.getString(1));
        }
    }
}
