package io.neoncdc.postgres.reader.stream;

import io.neoncdc.postgres.catalog.SlotInfo;
import io.neoncdc.postgres.catalog.SlotInvalidation;
import io.neoncdc.postgres.catalog.Slots;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import io.neoncdc.postgres.pgoutput.Lsn;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The no-silent-loss check before streaming starts or resumes: the slot must exist, still have its
 * WAL, and not have confirmed past the position being resumed from; otherwise the changes in
 * between are gone and the stream would skip them without a word.
 */
final class SlotCheck {
    private SlotCheck() {}

    /** Returns null when streaming from {@code resumeLsn} loses nothing, else why it would. */
    static String problem(Connection c, NeonPostgresSourceConfig config, long resumeLsn)
            throws SQLException {
        String slot = "'" + config.slotName() + "'";
        Optional<SlotInfo> found = Slots.find(c, config.slotName());
        if (found.isEmpty()) {
            return "Replication slot "
                    + slot
                    + " no longer exists, so the changes since the last checkpoint ("
                    + Lsn.format(resumeLsn)
                    + ") are gone. Slots vanish when the server is upgraded (pg_upgrade does not"
                    + " keep them before PostgreSQL 17), when a Neon branch is restored or reset,"
                    + " when Neon removes an inactive slot, or when someone drops it. Recover by"
                    + " restarting the job without state (a new snapshot), or set"
                    + " 'slot.lost-action' = 'resnapshot' to do that automatically.";
        }
        SlotInfo s = found.get();
        if (s.invalidated()) {
            return "Replication slot "
                    + slot
                    + " "
                    + SlotInvalidation.explain(s, SlotInvalidation.settings(c))
                    + " It can never stream again, so the changes after "
                    + Lsn.format(resumeLsn)
                    + " are gone. Recover: drop it (SELECT pg_drop_replication_slot("
                    + slot
                    + ");) and restart the job without state (a new snapshot), or set"
                    + " 'slot.lost-action' = 'resnapshot' to do both automatically.";
        }
        if (s.confirmedFlushLsn() > resumeLsn) {
            return "Replication slot "
                    + slot
                    + " already confirmed position "
                    + Lsn.format(s.confirmedFlushLsn())
                    + ", beyond the position this job resumes from ("
                    + Lsn.format(resumeLsn)
                    + "): the server discarded the changes in between. This happens when the job"
                    + " is restored from an older checkpoint or savepoint than the last completed"
                    + " one, or when another client advanced the slot. Restore from the latest"
                    + " checkpoint, restart without state, set 'slot.lost-action' = 'resnapshot',"
                    + " or keep older checkpoints restorable with"
                    + " 'slot.confirm-delay-checkpoints'.";
        }
        long serverLsn = serverLsn(c);
        if (resumeLsn > serverLsn) {
            // Every position the job holds came from this server's WAL, which only grows: a
            // server behind it went back in time, and streaming from the job's position would
            // skip the new WAL written between the server's position and it.
            return "The server's WAL position "
                    + Lsn.format(serverLsn)
                    + " is behind the position this job resumes from ("
                    + Lsn.format(resumeLsn)
                    + "), although replication slot "
                    + slot
                    + " exists: the server went back in time (a Neon branch restore or reset, a"
                    + " point-in-time recovery or restored backup, or a promoted standby that had"
                    + " not received all WAL the job read), and the slot was created again. The"
                    + " changes the job read after "
                    + Lsn.format(serverLsn)
                    + " no longer exist there, and new ones would be skipped. Restart the job"
                    + " without state (a new snapshot), or set 'slot.lost-action' ="
                    + " 'resnapshot'.";
        }
        return null;
    }

    private static long serverLsn(Connection c) throws SQLException {
        try (java.sql.Statement st = c.createStatement();
                java.sql.ResultSet rs =
                        st.executeQuery(
                                "SELECT (CASE WHEN pg_is_in_recovery() THEN"
                                        + " pg_last_wal_replay_lsn() ELSE pg_current_wal_lsn()"
                                        + " END)::text")) {
            rs.next();
            return rs.getString(1) == null ? Long.MAX_VALUE : Lsn.parse(rs.getString(1));
        }
    }
}
