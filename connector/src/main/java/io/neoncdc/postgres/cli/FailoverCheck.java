package io.neoncdc.postgres.cli;

import io.neoncdc.postgres.catalog.ServerVersion;
import io.neoncdc.postgres.catalog.SlotInfo;
import io.neoncdc.postgres.catalog.Slots;
import io.neoncdc.postgres.pgoutput.Lsn;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The {@code slot.failover} item (PostgreSQL 17+): on the primary, that the slot has FAILOVER and
 * {@code synchronized_standby_slots} names the standbys' physical slots (else the job may consume
 * changes a standby never received); run against a standby, the settings its slot sync needs.
 */
final class FailoverCheck {
    static final String NAME = "Failover slot";

    private FailoverCheck() {}

    static Check run(Connection c, String slot) throws SQLException {
        int version = ServerVersion.of(c);
        if (version < 170000) {
            return Check.fail(
                    NAME,
                    "'slot.failover' = 'true' needs PostgreSQL 17 or later; this server runs "
                            + version
                            + ". Set 'slot.failover' = 'false'.");
        }
        Optional<SlotInfo> found = Slots.find(c, slot);
        return inRecovery(c) ? standby(c, slot, found) : primary(c, found);
    }

    private static Check primary(Connection c, Optional<SlotInfo> slot) throws SQLException {
        List<String> warnings = new ArrayList<>();
        String state =
                slot.map(s -> s.failover() ? "has FAILOVER" : "has no FAILOVER yet")
                        .orElse("is created with FAILOVER at the first start");
        if (slot.isPresent() && !slot.get().failover()) {
            warnings.add("the source switches the slot to FAILOVER at start");
        }
        Map<String, Boolean> physical = new TreeMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery(
                                "SELECT slot_name, active FROM pg_replication_slots"
                                        + " WHERE slot_type = 'physical'")) {
            while (rs.next()) {
                physical.put(rs.getString(1), rs.getBoolean(2));
            }
        }
        String setting = String.valueOf(setting(c, "synchronized_standby_slots"));
        List<String> named =
                Arrays.stream(setting.split(","))
                        .map(String::trim)
                        .filter(n -> !n.isEmpty())
                        .collect(Collectors.toList());
        String detail = "the slot " + state + "; synchronized_standby_slots = '" + setting + "'";
        if (named.isEmpty()) {
            return Check.warn(
                    NAME,
                    detail
                            + ": the job may receive and checkpoint changes no standby has yet,"
                            + " and after a promotion they are missing on the new primary while"
                            + " the job already has them. Name the standbys' physical slots:"
                            + " ALTER SYSTEM SET synchronized_standby_slots = '"
                            + (physical.isEmpty()
                                    ? "<standby slot>"
                                    : String.join(",", physical.keySet()))
                            + "'; SELECT pg_reload_conf();"
                            + (physical.isEmpty()
                                    ? " (no standby streams through a physical slot now)"
                                    : ""));
        }
        for (String name : named) {
            Boolean active = physical.get(name);
            if (active == null) {
                return Check.fail(
                        NAME,
                        detail
                                + ": '"
                                + name
                                + "' is not a physical slot of this server, so logical"
                                + " walsenders wait for it and the stream stalls. Create it"
                                + " (SELECT pg_create_physical_replication_slot('"
                                + name
                                + "');) and use it as the standby's primary_slot_name, or fix the"
                                + " setting.");
            }
            if (!active) {
                warnings.add(
                        "standby slot '"
                                + name
                                + "' is not in use now: the stream waits until that standby"
                                + " streams again");
            }
        }
        return warnings.isEmpty()
                ? Check.ok(NAME, detail + " (every named standby slot is in use)")
                : Check.warn(NAME, detail + ": " + String.join("; ", warnings) + ".");
    }

    private static Check standby(Connection c, String slot, Optional<SlotInfo> found)
            throws SQLException {
        List<String> missing = new ArrayList<>();
        if (!"on".equals(String.valueOf(setting(c, "sync_replication_slots")))) {
            missing.add("sync_replication_slots = on (the standby keeps no copy of the slot)");
        }
        if (!"on".equals(String.valueOf(setting(c, "hot_standby_feedback")))) {
            missing.add("hot_standby_feedback = on (slot sync needs it)");
        }
        String primarySlot = setting(c, "primary_slot_name");
        if (primarySlot == null || primarySlot.isEmpty()) {
            missing.add(
                    "primary_slot_name = '<its physical slot on the primary>' (slot sync"
                            + " needs it; name it in the primary's synchronized_standby_slots)");
        }
        String conninfo = setting(c, "primary_conninfo");
        if (conninfo == null) {
            missing.add(
                    "dbname=… in primary_conninfo, if it is not there (this role may not read it:"
                            + " grant pg_read_all_settings to check)");
        } else if (!conninfo.contains("dbname=")) {
            missing.add("dbname=… in primary_conninfo (slot sync connects to a database)");
        }
        String detail =
                "this server is a standby; "
                        + found.map(
                                        s ->
                                                s.synced()
                                                        ? "it has a synced copy of the slot,"
                                                                + " confirmed "
                                                                + Lsn.format(s.confirmedFlushLsn())
                                                        : "its slot '"
                                                                + slot
                                                                + "' is not a synced copy")
                                .orElse("it has no copy of slot '" + slot + "' yet");
        if (!missing.isEmpty()) {
            return Check.fail(
                    NAME,
                    detail
                            + ". Set on the standby (ALTER SYSTEM SET …; SELECT pg_reload_conf();):"
                            + " "
                            + String.join("; ", missing)
                            + ".");
        }
        if (found.isPresent() && found.get().synced() && temporary(c, slot)) {
            return Check.warn(
                    NAME,
                    detail
                            + ", but not ready: the copy stays temporary (a promotion drops it)"
                            + " until the primary's slot moves past the position this standby"
                            + " reserved for it, which happens as the running job confirms"
                            + " checkpoints.");
        }
        if (found.isEmpty() || !found.get().synced()) {
            return Check.warn(
                    NAME,
                    detail
                            + ": it appears once the primary's slot has FAILOVER and this standby"
                            + " caught up; after a promotion without it the job fails (slot"
                            + " missing).");
        }
        return Check.ok(NAME, detail + "; a promotion keeps the job's position");
    }

    private static boolean temporary(Connection c, String slot) throws SQLException {
        try (java.sql.PreparedStatement ps =
                c.prepareStatement(
                        "SELECT temporary FROM pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, slot);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static boolean inRecovery(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT pg_is_in_recovery()")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** The setting's value, or null when this role may not read it. */
    private static String setting(Connection c, String name) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery(
                                "SELECT setting FROM pg_settings WHERE name = '" + name + "'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
