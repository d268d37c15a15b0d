package io.neoncdc.postgres.metrics;

import io.neoncdc.postgres.config.SlotHealthSettings;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.flink.annotation.Internal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the slot every {@code slot.health.interval} on the stream's catalog connection (fetcher
 * thread), publishes the readings to {@link StreamMetrics} and logs a WARN when a problem appears,
 * again every 15 minutes while it lasts, and an INFO when it clears. Never fails the stream.
 */
@Internal
public final class SlotMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(SlotMonitor.class);
    static final long REPEAT_MILLIS = 15 * 60_000L;

    private final String slot;
    private final SlotHealthSettings settings;
    private final StreamMetrics metrics;
    private final RestartLsnAge age = new RestartLsnAge();
    private final Map<String, Long> warnedAt = new HashMap<>();
    private SlotHealthProbe probe;
    private long nextNanos = System.nanoTime();
    private boolean failureLogged;

    public SlotMonitor(String slot, SlotHealthSettings settings, StreamMetrics metrics) {
        this.slot = slot;
        this.settings = settings;
        this.metrics = metrics;
    }

    /** Checks the slot when due (fetcher thread). */
    public void maybeCheck(Supplier<Connection> connection) {
        if (!settings.enabled() || System.nanoTime() - nextNanos < 0) {
            return;
        }
        nextNanos = System.nanoTime() + settings.interval().toNanos();
        try {
            Connection c = connection.get();
            if (probe == null) {
                DatabaseMetaData md = c.getMetaData();
                probe =
                        new SlotHealthProbe(
                                md.getDatabaseMajorVersion() * 10000
                                        + md.getDatabaseMinorVersion());
            }
            SlotHealth h = probe.read(c, slot);
            long now = System.currentTimeMillis();
            long restartAge = h.exists() ? age.update(now, h.currentWalLsn(), h.restartLsn()) : -1;
            metrics.slot(h, restartAge);
            report(SlotWarnings.of(slot, h, Math.max(0, restartAge), settings), now);
            failureLogged = false;
        } catch (SQLException | RuntimeException e) {
            if (!failureLogged) {
                failureLogged = true;
                LOG.warn(
                        "Reading the state of replication slot '{}' failed (the stream continues;"
                                + " slot metrics are stale): {}",
                        slot,
                        e.getMessage());
            }
        }
    }

    private void report(Map<String, String> problems, long now) {
        problems.forEach(
                (kind, message) -> {
                    Long last = warnedAt.get(kind);
                    if (last == null || now - last >= REPEAT_MILLIS) {
                        LOG.warn(message);
                        warnedAt.put(kind, now);
                    }
                });
        if (warnedAt.keySet().removeIf(k -> !problems.containsKey(k)) && problems.isEmpty()) {
            LOG.info("Replication slot '{}' is healthy again.", slot);
        }
    }
}
