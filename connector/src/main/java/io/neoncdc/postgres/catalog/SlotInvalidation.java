package io.neoncdc.postgres.catalog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * Why PostgreSQL invalidated a slot ({@code invalidation_reason} on 17+, {@code conflicting} on 16,
 * {@code wal_status = 'lost'} before) and what prevents it next time, with the server's current
 * value of the setting involved. Recovery is the same for every cause (the slot can never stream
 * again): the caller says it.
 */
public final class SlotInvalidation {
    static final String MAX_KEEP = "max_slot_wal_keep_size";
    static final String IDLE_TIMEOUT = "idle_replication_slot_timeout";
    static final String FEEDBACK = "hot_standby_feedback";
    static final String IN_RECOVERY = "in_recovery";

    private SlotInvalidation() {}

    /** The settings {@link #explain} quotes, read on the slot's server. */
    public static Map<String, String> settings(Connection c) throws SQLException {
        Map<String, String> settings = new HashMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery(
                                "SELECT current_setting('"
                                        + MAX_KEEP
                                        + "', true), current_setting('"
                                        + IDLE_TIMEOUT
                                        + "', true), current_setting('"
                                        + FEEDBACK
                                        + "', true), pg_is_in_recovery()::text")) {
            rs.next();
            settings.put(MAX_KEEP, rs.getString(1));
            settings.put(IDLE_TIMEOUT, rs.getString(2));
            settings.put(FEEDBACK, rs.getString(3));
            settings.put(IN_RECOVERY, rs.getString(4));
        }
        return settings;
    }

    /**
     * "was invalidated because …: … To prevent it: …", for an {@link SlotInfo#invalidated()} slot;
     * {@code settings} as {@link #settings} reads them (values may be missing).
     */
    public static String explain(SlotInfo slot, Map<String, String> settings) {
        String reason = slot.invalidationReason();
        String said = reason == null ? "" : " (invalidation_reason = '" + reason + "')";
        if (reason == null || "wal_removed".equals(reason)) {
            return "was invalidated because the server removed WAL it still needed"
                    + (reason == null ? " (wal_status = 'lost')" : said)
                    + ": it fell more than max_slot_wal_keep_size"
                    + now(settings, MAX_KEEP)
                    + " behind the current WAL position while the job was stopped or could not"
                    + " confirm positions (checkpoints failing or not enabled). Neon computes cap"
                    + " retained WAL the same way and remove slots about 40 hours of WAL behind."
                    + " To prevent it: keep checkpoints completing while the job runs, keep stops"
                    + " short, raise max_slot_wal_keep_size, and act on the 'slot.health.*'"
                    + " warnings.";
        }
        if ("idle_timeout".equals(reason)) {
            return "was invalidated because no client streamed from it for longer than"
                    + " idle_replication_slot_timeout"
                    + now(settings, IDLE_TIMEOUT)
                    + said
                    + ": PostgreSQL 18 invalidates such slots at the next checkpoint. To prevent"
                    + " it: raise idle_replication_slot_timeout (0 turns it off) above the longest"
                    + " time the job may be stopped, and with 'neon.idle-disconnect' above"
                    + " 'neon.idle-disconnect.reconnect-interval' plus the time a reconnect may"
                    + " take.";
        }
        if ("rows_removed".equals(reason) || "conflicting".equals(reason)) {
            String cause =
                    "rows_removed".equals(reason)
                            ? "VACUUM on the primary removed system catalog rows older than the"
                                    + " slot's catalog_xmin, which this standby still needed to"
                                    + " decode"
                            : "the primary removed system catalog rows the slot still needed,"
                                    + " or lowered wal_level below 'logical'";
            return "was invalidated by a recovery conflict on this standby"
                    + ("conflicting".equals(reason) ? " (conflicting = true)" : said)
                    + ": "
                    + cause
                    + ". To prevent it: set hot_standby_feedback = on on the standby"
                    + now(settings, FEEDBACK)
                    + " and stream it from the primary through a physical slot"
                    + " (primary_slot_name), so the primary keeps those rows.";
        }
        if ("wal_level_insufficient".equals(reason)) {
            return "was invalidated because wal_level on the primary was lowered below 'logical'"
                    + said
                    + ": a standby can decode only WAL written with wal_level = logical. Set"
                    + " wal_level = logical on the primary and restart it (on Neon: logical"
                    + " replication, once enabled in the console, stays on), then create the slot"
                    + " again.";
        }
        return "was invalidated" + said + ".";
    }

    private static String now(Map<String, String> settings, String name) {
        String value = settings.get(name);
        return value == null || value.isEmpty() ? "" : " (now " + value + ")";
    }
}
