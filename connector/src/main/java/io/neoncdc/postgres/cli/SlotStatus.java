package io.neoncdc.postgres.cli;

import io.neoncdc.postgres.catalog.SlotInfo;
import io.neoncdc.postgres.catalog.SlotInvalidation;
import io.neoncdc.postgres.catalog.Slots;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import io.neoncdc.postgres.pgoutput.Lsn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.table.api.ValidationException;

/**
 * Checks the replication slot: usable by this source (pgoutput, this database), its WAL still
 * there, and how far behind it is: lag, {@code wal_status}, {@code safe_wal_size} (DESIGN §9).
 */
final class SlotStatus {
    /** Lag or remaining WAL headroom that deserves a warning (Neon keeps little WAL). */
    static final long WARN_BYTES = 1L << 30;

    private final NeonPostgresSourceConfig config;
    private final Connection connection;

    SlotStatus(NeonPostgresSourceConfig config, Connection connection) {
        this.config = config;
        this.connection = connection;
    }

    Check run(boolean canReplicate, String role) throws SQLException {
        String slot = config.slotName();
        String name = "Slot " + slot;
        Optional<SlotInfo> found = Slots.find(connection, slot);
        if (found.isEmpty()) {
            if (!canReplicate) {
                return Check.fail(
                        name,
                        "does not exist, and the source cannot create it: role '"
                                + role
                                + "' "
                                + Slots.lacksReplication(role));
            }
            String detail = "does not exist yet; the source creates it at its first start";
            return config.startupMode().snapshots()
                    ? Check.ok(name, detail)
                    : Check.warn(
                            name,
                            detail
                                    + ", so 'scan.startup.mode' = '"
                                    + config.startupMode()
                                    + "' starts from that moment");
        }
        SlotInfo s = found.get();
        try {
            Slots.checkUsable(s, slot, config.connection().database());
        } catch (ValidationException e) {
            return Check.fail(name, e.getMessage());
        }
        return state(name, s);
    }

    private Check state(String name, SlotInfo s) throws SQLException {
        Integer pid = null;
        Long safe = null;
        String reader = null;
        long lag;
        try (PreparedStatement ps =
                connection.prepareStatement(
                        "SELECT s.active_pid, "
                                + (s.walStatus() != null ? "s.safe_wal_size" : "NULL::bigint")
                                + ", (CASE WHEN pg_is_in_recovery() THEN"
                                + " pg_last_wal_replay_lsn() ELSE pg_current_wal_lsn() END)::text,"
                                + " a.application_name, host(a.client_addr)"
                                + " FROM pg_replication_slots s"
                                + " LEFT JOIN pg_stat_activity a ON a.pid = s.active_pid"
                                + " WHERE s.slot_name = ?")) {
            ps.setString(1, s.name());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Check.fail(name, "vanished while it was being checked");
                }
                pid = (Integer) rs.getObject(1);
                safe = rs.getObject(2) == null ? null : rs.getLong(2);
                lag = Math.max(0, Lsn.parse(rs.getString(3)) - s.confirmedFlushLsn());
                reader = reader(rs.getString(4), rs.getString(5));
            }
        }
        String invalidation =
                s.invalidated()
                        ? SlotInvalidation.explain(s, SlotInvalidation.settings(connection))
                        : null;
        return verdict(name, s, pid, reader, lag, safe, invalidation);
    }

    /** "application_name 'x' from 10.0.0.5", or null when the server shows neither. */
    private static String reader(String application, String address) {
        String app = application == null || application.isEmpty() ? null : "'" + application + "'";
        if (app == null && address == null) {
            return null;
        }
        return (app == null ? "" : "application_name " + app)
                + (address == null ? "" : (app == null ? "" : " ") + "from " + address);
    }

    static Check verdict(String name, SlotInfo s, Integer pid, long lag, Long safe) {
        return verdict(name, s, pid, null, lag, safe);
    }

    static Check verdict(String name, SlotInfo s, Integer pid, String reader, long lag, Long safe) {
        return verdict(
                name,
                s,
                pid,
                reader,
                lag,
                safe,
                s.invalidated() ? SlotInvalidation.explain(s, Map.of()) : null);
    }

    /**
     * @param reader who reads the slot now (application name, address), or null
     * @param invalidation why the slot was invalidated and how to prevent it, or null
     */
    static Check verdict(
            String name,
            SlotInfo s,
            Integer pid,
            String reader,
            long lag,
            Long safe,
            String invalidation) {
        String detail =
                "pgoutput, "
                        + (s.active() ? "active (PID " + pid + ")" : "inactive")
                        + ", confirmed "
                        + Lsn.format(s.confirmedFlushLsn())
                        + ", lag "
                        + bytes(lag)
                        + ", wal_status "
                        + (s.walStatus() == null ? "n/a (before PostgreSQL 13)" : s.walStatus())
                        + ", safe_wal_size "
                        + (safe == null ? "unlimited" : bytes(safe))
                        + (s.invalidationReason() == null
                                ? ""
                                : ", invalidation_reason " + s.invalidationReason());
        if (invalidation != null) {
            return Check.fail(
                    name,
                    detail
                            + ": the slot "
                            + invalidation
                            + " It can never stream again, so changes are gone. Drop it (SELECT"
                            + " pg_drop_replication_slot('"
                            + s.name()
                            + "');) and start the job without state (a new snapshot), or set"
                            + " 'slot.lost-action' = 'resnapshot'.");
        }
        if (s.active()) {
            // One slot has one reader: a job started now fails ("replication slot ... is active
            // for PID ..."), and two job versions must never read one slot at once.
            return Check.fail(
                    name,
                    detail
                            + ": another connection is reading this slot"
                            + (reader == null ? "" : " (" + reader + ")")
                            + ", so a job started now fails with 'replication slot \""
                            + s.name()
                            + "\" is active for PID "
                            + pid
                            + "'. If that reader is this job (already running), all is well."
                            + " Otherwise stop it first (an older version of the job: stop it"
                            + " with a savepoint, see docs/cluster.md), or give this job its own"
                            + " 'slot.name'.");
        }
        if ("unreserved".equals(s.walStatus()) || (safe != null && safe < WARN_BYTES)) {
            return Check.warn(
                    name,
                    detail
                            + ": the server is about to remove WAL this slot needs; start or"
                            + " catch up the job now, or raise max_slot_wal_keep_size.");
        }
        if (lag > WARN_BYTES && !s.active()) {
            return Check.warn(
                    name,
                    detail
                            + ": an inactive slot keeps this WAL; Neon removes slots that fall"
                            + " about 40 hours of WAL behind. Start the job or drop the slot.");
        }
        return Check.ok(name, detail);
    }

    /** Exact bytes, and in binary units when that is shorter to read. */
    static String bytes(long n) {
        if (Math.abs(n) < 1024) {
            return n + " bytes";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%d bytes (%.1f %s)", n, v, units[u]);
    }
}
