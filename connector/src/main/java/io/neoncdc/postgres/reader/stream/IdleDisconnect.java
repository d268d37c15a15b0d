package io.neoncdc.postgres.reader.stream;

import io.neoncdc.postgres.config.IdleDisconnectSettings;
import io.neoncdc.postgres.config.IdleReconnect;
import io.neoncdc.postgres.metrics.StreamMetrics;
import io.neoncdc.postgres.pgoutput.Lsn;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scale-to-zero idle mode ({@code neon.idle-disconnect}) on the fetcher thread: decides when
 * the stream has been idle long enough, with everything it read confirmed to the slot, to close its
 * connections so the compute can suspend, and when to reconnect to look for new WAL. It only
 * decides and reports (log line and metric per disconnect and reconnect); the fetcher closes and
 * reopens.
 */
final class IdleDisconnect {
    private static final Logger LOG = LoggerFactory.getLogger(IdleDisconnect.class);

    /** What the fetcher does next. */
    enum Step {
        /** Connected (or not in idle mode): stream as usual. */
        RUN,
        /** Disconnected and no reconnect due: wait, return nothing. */
        SUSPENDED,
        /** The reconnect is due: check the slot again, then stream from the kept position. */
        RECONNECT
    }

    private final IdleDisconnectSettings settings;
    private final StreamMetrics metrics;
    private final LongSupplier nanoTime;
    private long lastActivity;
    private boolean disconnected;
    private long disconnectedAt;
    private long suspendNanos;
    private long checkpointsWhenDue = -1;
    private long position;
    private boolean readSinceQuiet;
    private long warnedTimeout;
    private boolean capped;
    private long mustConfirm;

    IdleDisconnect(IdleDisconnectSettings settings, StreamMetrics metrics, LongSupplier nanoTime) {
        this.settings = settings;
        this.metrics = metrics;
        this.nanoTime = nanoTime;
        this.lastActivity = nanoTime.getAsLong();
        // Neon's window is approximate ("about 40 hours"): warn from three quarters of it on.
        Duration warnFrom =
                IdleDisconnectSettings.NEON_INACTIVE_SLOT_WINDOW.multipliedBy(3).dividedBy(4);
        if (settings.enabled() && settings.inactiveBound().compareTo(warnFrom) >= 0) {
            LOG.warn(
                    "'neon.idle-disconnect.reconnect-interval' = {} plus {} to suspend and wake"
                            + " the compute comes close to Neon's removal of inactive slots"
                            + " (about {}, while another slot is active): on Neon the slot could"
                            + " be dropped while disconnected. Choose a much shorter interval.",
                    settings.reconnectInterval(),
                    IdleDisconnectSettings.SUSPEND_ALLOWANCE,
                    IdleDisconnectSettings.NEON_INACTIVE_SLOT_WINDOW);
        }
    }

    /** A change of a captured table arrived. */
    void activity() {
        lastActivity = nanoTime.getAsLong();
        readSinceQuiet = true;
    }

    /**
     * Whether to disconnect now: idle mode on, connected, {@code quiet} (between transactions,
     * nothing emitted or pending) for {@code neon.idle-disconnect.after}, and the slot confirmed
     * the position reached after the last records read, so nothing read waits for a checkpoint.
     * (Positions advanced only over other databases' WAL need no confirmation first: resuming from
     * them skips nothing, and the slot retains that WAL just a little longer.)
     */
    boolean due(boolean quiet, long confirmed, long position) {
        if (!settings.enabled() || disconnected) {
            return false;
        }
        if (!quiet) {
            activity();
            return false;
        }
        if (readSinceQuiet) {
            readSinceQuiet = false;
            mustConfirm = position;
        }
        return confirmed >= mustConfirm
                && nanoTime.getAsLong() - lastActivity >= settings.after().toNanos();
    }

    /**
     * The fetcher is about to close its connections at {@code position}.
     *
     * @param timeout PostgreSQL 18's {@code idle_replication_slot_timeout} in seconds (0: off)
     */
    void disconnect(long timeout, long position) {
        long interval = settings.reconnectInterval().toNanos();
        suspendNanos = interval;
        capped = false;
        if (timeout > 0 && settings.inactiveBound().getSeconds() >= timeout) {
            // Disconnected is inactive: past the timeout the server invalidates the slot at its
            // next checkpoint. Stay below it rather than lose the slot: a hard bound, so the
            // checkpoint mode does not wait for a checkpoint past it either.
            suspendNanos = Math.min(interval, Math.max(1, timeout / 2) * 1_000_000_000L);
            capped = true;
            if (warnedTimeout != timeout) {
                // Once per timeout value, not at every disconnect of a long idle period.
                warnedTimeout = timeout;
                LOG.warn(
                        "'neon.idle-disconnect.reconnect-interval' = {} plus {} could exceed the"
                                + " server's idle_replication_slot_timeout ({} s), which would"
                                + " invalidate the slot while disconnected: reconnecting after"
                                + " {} instead. Raise the timeout or shorten the interval.",
                        settings.reconnectInterval(),
                        IdleDisconnectSettings.SUSPEND_ALLOWANCE,
                        timeout,
                        Duration.ofNanos(suspendNanos));
            }
        }
        disconnected = true;
        disconnectedAt = nanoTime.getAsLong();
        checkpointsWhenDue = -1;
        this.position = position;
        metrics.idleDisconnected();
        LOG.info(
                "Idle for {} with everything up to {} confirmed to the slot: closing the"
                        + " replication and catalog connections so the compute can suspend;"
                        + " reconnecting {} {} (idle mode, disconnect #{})",
                settings.after(),
                Lsn.format(position),
                settings.reconnectAt() == IdleReconnect.CHECKPOINT
                        ? "at the first checkpoint after"
                        : "after",
                Duration.ofNanos(suspendNanos),
                metrics.idleDisconnects());
    }

    /** Called before each read: whether to stay disconnected, or reconnect now. */
    Step beforeRead(long checkpointsCompleted) {
        if (!disconnected) {
            return Step.RUN;
        }
        long now = nanoTime.getAsLong();
        long elapsed = now - disconnectedAt;
        if (elapsed < suspendNanos) {
            return Step.SUSPENDED;
        }
        if (settings.reconnectAt() == IdleReconnect.CHECKPOINT && !capped) {
            if (checkpointsWhenDue < 0) {
                checkpointsWhenDue = checkpointsCompleted;
            }
            // No checkpoint within another interval (checkpointing off?): reconnect anyway.
            if (checkpointsCompleted <= checkpointsWhenDue && elapsed < 2 * suspendNanos) {
                return Step.SUSPENDED;
            }
        }
        disconnected = false;
        lastActivity = now;
        metrics.idleReconnected();
        LOG.info(
                "Reconnecting after {} disconnected (idle mode) to look for new WAL from {}",
                Duration.ofNanos(elapsed),
                Lsn.format(position));
        return Step.RECONNECT;
    }

    boolean disconnected() {
        return disconnected;
    }

    /** Waits (fetcher thread) until the deadline or a wake-up, while disconnected. */
    void waitUntil(long deadlineNanos) {
        long left = deadlineNanos - nanoTime.getAsLong();
        if (left > 0) {
            LockSupport.parkNanos(left);
        }
    }

    /** PostgreSQL 18's {@code idle_replication_slot_timeout} in seconds; 0 when off or absent. */
    static long idleTimeoutSeconds(Connection catalog) {
        try (Statement st = catalog.createStatement();
                ResultSet rs =
                        st.executeQuery(
                                "SELECT setting::bigint FROM pg_settings"
                                        + " WHERE name = 'idle_replication_slot_timeout'")) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            LOG.debug("Cannot read idle_replication_slot_timeout", e);
            return 0;
        }
    }
}
