package io.neoncdc.postgres.catalog;

import io.neoncdc.postgres.pgoutput.Lsn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.apache.flink.table.api.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads and creates the logical replication slot. */
public final class Slots {
    private static final Logger LOG = LoggerFactory.getLogger(Slots.class);

    private Slots() {}

    public static Optional<SlotInfo> find(Connection c, String slot) throws SQLException {
        int version = ServerVersion.of(c);
        String sql =
                "SELECT slot_name, plugin, database, active, confirmed_flush_lsn::text,"
                        + " restart_lsn::text, "
                        + (version >= 130000 ? "wal_status" : "NULL")
                        + ", "
                        + (version >= 170000
                                ? "invalidation_reason, failover, synced"
                                : version >= 160000
                                        ? "CASE WHEN conflicting THEN 'conflicting' END, false,"
                                                + " false"
                                        : "NULL, false, false")
                        + " FROM pg_replication_slots WHERE slot_name = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, slot);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(
                        new SlotInfo(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getBoolean(4),
                                rs.getString(5) == null ? 0 : Lsn.parse(rs.getString(5)),
                                rs.getString(6) == null ? 0 : Lsn.parse(rs.getString(6)),
                                rs.getString(7),
                                rs.getString(8),
                                rs.getBoolean(9),
                                rs.getBoolean(10)));
            }
        }
    }

    /**
     * Drops the slot if it was invalidated or lost the WAL it needs (it can never stream again).
     */
    public static void dropIfLost(Connection c, String slot) throws SQLException {
        Optional<SlotInfo> s = find(c, slot);
        if (s.isPresent() && s.get().invalidated()) {
            drop(c, slot);
            LOG.warn(
                    "Dropped replication slot {}: it was invalidated ({})",
                    slot,
                    s.get().invalidationReason() == null
                            ? "wal_status = 'lost'"
                            : "invalidation_reason = '" + s.get().invalidationReason() + "'");
        }
    }

    /** Drops the slot (it must not be active); never one of the platform's own. */
    public static void drop(Connection c, String slot) throws SQLException {
        if (PlatformSlots.isPlatform(slot, PlatformSlots.keepPrefix(c))) {
            throw new IllegalArgumentException(
                    "Replication slot '" + slot + "' belongs to the platform: never dropped");
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_drop_replication_slot(?)")) {
            ps.setString(1, slot);
            ps.execute();
        }
    }

    /**
     * Returns the slot, creating it when missing. Creation waits until every transaction running
     * now has finished: every transaction that commits after it returns is in the stream.
     */
    public static SlotInfo ensure(Connection c, String slot, String database) throws SQLException {
        return ensure(c, slot, database, false);
    }

    /**
     * As {@link #ensure(Connection, String, String)}, creating the slot with FAILOVER when asked
     * ({@code slot.failover}, PostgreSQL 17+); an existing slot is returned as it is (see {@link
     * SlotInfo#failover()}).
     */
    public static SlotInfo ensure(Connection c, String slot, String database, boolean failover)
            throws SQLException {
        return ensure(c, slot, database, failover, null);
    }

    /**
     * As {@link #ensure(Connection, String, String, boolean)}; while the creation waits for running
     * transactions, a second connection from {@code watch} (if given) logs every 30 s which ones
     * ({@link SlotCreationWatch}). The creation is exempt from the connection's read timeout: the
     * wait is the server's, not a network fault.
     */
    public static SlotInfo ensure(
            Connection c,
            String slot,
            String database,
            boolean failover,
            java.util.concurrent.Callable<Connection> watch)
            throws SQLException {
        if (failover && ServerVersion.of(c) < 170000) {
            throw new ValidationException(
                    "'slot.failover' = 'true' needs PostgreSQL 17 or later (failover slots and"
                            + " their sync to standbys are new in 17); this server runs "
                            + ServerVersion.of(c)
                            + ". Set 'slot.failover' = 'false'.");
        }
        String keep = PlatformSlots.keepPrefix(c);
        if (PlatformSlots.isPlatform(slot, keep)) {
            throw new ValidationException(
                    "'slot.name' = '"
                            + slot
                            + "' starts with '"
                            + keep
                            + "', the prefix of the platform's own slots (neon.keep_ls_slot):"
                            + " choose another 'slot.name'.");
        }
        Optional<SlotInfo> existing = find(c, slot);
        if (existing.isPresent()) {
            checkUsable(existing.get(), slot, database);
            return existing.get();
        }
        String since = BlockingTransactions.now(c);
        int timeout = c.getNetworkTimeout();
        c.setNetworkTimeout(Runnable::run, 0);
        try (SlotCreationWatch watching = SlotCreationWatch.start(slot, since, watch);
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT lsn::text FROM pg_create_logical_replication_slot(?,"
                                        + " 'pgoutput'"
                                        + (failover ? ", false, false, true)" : ")"))) {
            ps.setString(1, slot);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                LOG.info(
                        "Created replication slot {} at {}{}",
                        slot,
                        rs.getString(1),
                        failover ? " with FAILOVER" : "");
            }
        } catch (SQLException e) {
            if ("42501".equals(e.getSQLState())) {
                String role = currentUser(c);
                throw new ValidationException(
                        "Cannot create replication slot '"
                                + slot
                                + "': role '"
                                + role
                                + "' "
                                + lacksReplication(role),
                        e);
            }
            if ("53400".equals(e.getSQLState())) {
                throw new ValidationException(noSlotLeft(slot, SlotUsage.read(c)), e);
            }
            throw e;
        } finally {
            if (!c.isClosed()) {
                c.setNetworkTimeout(Runnable::run, timeout);
            }
        }
        return find(c, slot).orElseThrow(() -> new SQLException("Slot " + slot + " vanished"));
    }

    /** Fails unless an existing slot can serve this source: pgoutput, in this database. */
    public static void checkUsable(SlotInfo s, String slot, String database) {
        if (!"pgoutput".equals(s.plugin())) {
            throw new ValidationException(
                    "Replication slot '"
                            + slot
                            + "' uses plugin '"
                            + s.plugin()
                            + "', not pgoutput: choose another 'slot.name' or drop it with"
                            + " SELECT pg_drop_replication_slot('"
                            + slot
                            + "');");
        }
        if (!database.equals(s.database())) {
            throw new ValidationException(
                    "Replication slot '"
                            + slot
                            + "' belongs to database '"
                            + s.database()
                            + "', not '"
                            + database
                            + "': choose another 'slot.name'.");
        }
    }

    /** Why the slot cannot be created when every place is taken, and which slots could go. */
    static String noSlotLeft(String slot, SlotUsage usage) {
        StringBuilder sb =
                new StringBuilder("Cannot create replication slot '")
                        .append(slot)
                        .append("': all replication slots are in use (")
                        .append(usage.describe())
                        .append("). ");
        if (!usage.inactive().isEmpty()) {
            sb.append("Drop an inactive slot that is no longer needed (SELECT")
                    .append(" pg_drop_replication_slot('<slot>');), ");
        } else {
            sb.append("Stop a client that holds a slot, ");
        }
        sb.append("raise max_replication_slots (Neon allows 10 per project), or reuse an existing")
                .append(" slot of this job with 'slot.name'.");
        if (!usage.platform().isEmpty()) {
            sb.append(" Leave the platform's own slots alone (")
                    .append(String.join(", ", usage.platform()))
                    .append("): the compute needs them.");
        }
        return sb.toString();
    }

    /** "lacks the REPLICATION attribute", with the statement that grants it. */
    public static String lacksReplication(String role) {
        return "lacks the REPLICATION attribute. Run ALTER ROLE "
                + TableId.quote(role)
                + " WITH REPLICATION; (on Neon: roles created in the console have"
                + " it once logical replication is enabled), or set 'username' to"
                + " a role that has it.";
    }

    /**
     * Fails unless {@code wal_level} (as {@code SHOW wal_level} prints it) allows logical slots.
     */
    public static void checkWalLevel(String walLevel) {
        if (!"logical".equals(walLevel)) {
            throw new ValidationException(walLevelMessage(walLevel));
        }
    }

    private static String walLevelMessage(String walLevel) {
        return "The server runs with wal_level = '"
                + walLevel
                + "', but change data capture needs logical decoding: enable logical"
                + " replication in the Neon console (Project settings → Beta/Logical"
                + " replication; it restarts the computes and cannot be reverted), or set"
                + " wal_level = logical and restart PostgreSQL.";
    }

    private static String currentUser(Connection c) {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT current_user")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            return "<username>";
        }
    }
}
