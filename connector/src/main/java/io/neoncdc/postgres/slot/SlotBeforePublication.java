package io.neoncdc.postgres.slot;

import io.neoncdc.postgres.catalog.SlotInfo;
import io.neoncdc.postgres.catalog.Slots;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import io.neoncdc.postgres.config.StartupMode;
import io.neoncdc.postgres.connection.PgConnector;
import io.neoncdc.postgres.pgoutput.Lsn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.api.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles a slot that is older than the publication the connector just created: pgoutput looks the
 * publication up as of each decoded change, so it cannot decode the WAL in between.
 */
@Internal
public final class SlotBeforePublication {
    private static final Logger LOG = LoggerFactory.getLogger(SlotBeforePublication.class);

    private final NeonPostgresSourceConfig config;
    private final Connection c;

    public SlotBeforePublication(NeonPostgresSourceConfig config, Connection c) {
        this.config = config;
        this.c = c;
    }

    /**
     * The slot to stream from: the same one, a new one when its old position does not matter, or a
     * failure when the position matters and pgoutput cannot decode from it.
     *
     * @param published the WAL position right after the publication was created
     */
    public SlotInfo reconcile(SlotInfo slot, long published, boolean resnapshot)
            throws SQLException {
        StartupMode mode = resnapshot ? StartupMode.INITIAL : config.startupMode();
        if (slot.confirmedFlushLsn() >= published
                || (mode == StartupMode.SPECIFIC_OFFSET
                        && config.specificOffsetLsn() >= published)) {
            return slot;
        }
        if (mode.snapshots() || mode == StartupMode.LATEST_OFFSET) {
            // Safe: the chunks (not read yet) or the current position cover what the old slot
            // held. A new slot also waits for the transactions running while the publication was
            // created; the old one would decode them without the publication and fail.
            LOG.info(
                    "Replacing replication slot {}: it predates publication {}; creating the new"
                            + " slot waits for the transactions running now",
                    config.slotName(),
                    config.publicationName());
            Slots.drop(c, config.slotName());
            PgConnector watch =
                    new PgConnector(config.connection(), "neon-postgres-cdc slot creation watch");
            return Slots.ensure(
                    c,
                    config.slotName(),
                    config.connection().database(),
                    config.slotFailover(),
                    watch::openQuery);
        }
        String error = undecodable(published);
        if (error == null) {
            return slot; // nothing was written in between that pgoutput would look at
        }
        throw new ValidationException(
                "Replication slot '"
                        + config.slotName()
                        + "' is at "
                        + Lsn.format(slot.confirmedFlushLsn())
                        + ", before publication '"
                        + config.publicationName()
                        + "' existed (created just now, at "
                        + Lsn.format(published)
                        + "), and pgoutput cannot decode the changes in between ("
                        + error
                        + "), which 'scan.startup.mode' = '"
                        + config.startupMode()
                        + "' needs. Drop the slot (SELECT pg_drop_replication_slot('"
                        + config.slotName()
                        + "');) and start with 'scan.startup.mode' = 'initial'; create the"
                        + " publication before the slot next time.");
    }

    /**
     * Null when pgoutput decodes the slot's changes up to {@code upTo}, else the server's error.
     */
    private String undecodable(long upTo) throws SQLException {
        awaitFlushed(upTo); // decoding reads only flushed WAL
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT count(*) FROM pg_logical_slot_peek_binary_changes(?, ?::pg_lsn,"
                                + " NULL, 'proto_version', '1', 'publication_names', ?)")) {
            ps.setString(1, config.slotName());
            ps.setString(2, Lsn.format(upTo));
            ps.setString(3, config.publicationName());
            c.clearWarnings();
            ps.executeQuery().close();
            // PostgreSQL 18 no longer fails here: it skips the changes with a WARNING ("skipped
            // loading publication"), which would lose them silently while streaming.
            for (SQLWarning w = firstWarning(ps); w != null; w = w.getNextWarning()) {
                String message = String.valueOf(w.getMessage());
                LOG.debug("Peeking slot {}: {}", config.slotName(), message);
                if (message.contains("publication")) {
                    return message.replace('\n', ' ');
                }
            }
            return null;
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).contains("does not exist")) {
                return e.getMessage().replace('\n', ' ');
            }
            throw e;
        }
    }

    private SQLWarning firstWarning(PreparedStatement ps) throws SQLException {
        SQLWarning w = ps.getWarnings();
        return w != null ? w : c.getWarnings();
    }

    /** Waits (up to 10 s) until the WAL up to {@code lsn} is flushed, e.g. by the WAL writer. */
    private void awaitFlushed(long lsn) throws SQLException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        try (Statement st = c.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = st.executeQuery("SELECT pg_current_wal_flush_lsn()::text")) {
                    rs.next();
                    if (Lsn.parse(rs.getString(1)) >= lsn) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The insert position: past the commit just made even when {@code synchronous_commit = off} has
     * not written it out yet (which {@code pg_current_wal_lsn()} would lag behind).
     */
    public static long currentLsn(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT pg_current_wal_insert_lsn()::text")) {
            rs.next();
            return Lsn.parse(rs.getString(1));
        }
    }
}
