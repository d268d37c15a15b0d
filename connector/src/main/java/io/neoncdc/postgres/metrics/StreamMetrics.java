package io.neoncdc.postgres.metrics;

import org.apache.flink.annotation.Internal;
import org.apache.flink.metrics.MetricGroup;

/**
 * The stream reader's gauges (group {@code stream}): positions and slot health, written by the
 * fetcher thread and read by metric reporters, so every value is volatile and -1 until known.
 */
@Internal
public final class StreamMetrics {
    public static final String GROUP = "stream";

    private volatile long confirmedLsn = -1;
    private volatile long lastReceivedLsn = -1;
    private volatile long serverWalLsn = -1;
    private volatile long restartLsn = -1;
    private volatile long safeWalSize = -1;
    private volatile long restartLsnAgeMillis = -1;
    private volatile String walStatus = "unknown";
    private volatile long idleDisconnects;
    private volatile long idleReconnects;
    private volatile int idleDisconnected;
    private boolean registered;

    /** Registers the gauges once (task main thread, when the stream split arrives). */
    public void register(MetricGroup parent) {
        if (registered) {
            return;
        }
        registered = true;
        MetricGroup g = parent.addGroup(GROUP);
        g.gauge("confirmedLsn", () -> confirmedLsn);
        g.gauge("lastReceivedLsn", () -> lastReceivedLsn);
        g.gauge("replicationLagBytes", this::replicationLagBytes);
        g.gauge("retainedWalBytes", this::retainedWalBytes);
        g.gauge("safeWalSizeBytes", () -> safeWalSize);
        g.gauge(
                "restartLsnAgeSeconds",
                () -> restartLsnAgeMillis < 0 ? -1 : restartLsnAgeMillis / 1000);
        g.gauge("walStatus", () -> walStatus);
        g.gauge("idleDisconnects", () -> idleDisconnects);
        g.gauge("idleReconnects", () -> idleReconnects);
        g.gauge("idleDisconnected", () -> idleDisconnected);
    }

    /** Fetcher thread: the idle mode closed the stream's connections. */
    public void idleDisconnected() {
        idleDisconnects++;
        idleDisconnected = 1;
    }

    /** Fetcher thread: the idle mode reconnects to look for new WAL. */
    public void idleReconnected() {
        idleReconnects++;
        idleDisconnected = 0;
    }

    public long idleDisconnects() {
        return idleDisconnects;
    }

    public long idleReconnects() {
        return idleReconnects;
    }

    /** Fetcher thread: this reader confirmed {@code lsn} to the slot. */
    public void confirmed(long lsn) {
        confirmedLsn = lsn;
    }

    /** Fetcher thread: the server's latest reported WAL position (message or keepalive). */
    public void received(long lsn) {
        if (lsn > 0) {
            lastReceivedLsn = lsn;
        }
    }

    /** Fetcher thread: a slot reading and the estimated age of its restart_lsn. */
    public void slot(SlotHealth h, long restartAgeMillis) {
        serverWalLsn = h.currentWalLsn();
        if (!h.exists()) {
            walStatus = "missing";
            return;
        }
        restartLsn = h.restartLsn();
        safeWalSize = h.safeWalSize();
        restartLsnAgeMillis = restartAgeMillis;
        walStatus = h.walStatus() == null ? "unknown" : h.walStatus();
        if (confirmedLsn < h.confirmedFlushLsn()) {
            confirmedLsn = h.confirmedFlushLsn();
        }
    }

    /** Server WAL end minus the confirmed position; -1 until both are known. */
    public long replicationLagBytes() {
        long end = walEnd();
        long confirmed = confirmedLsn;
        return end < 0 || confirmed < 0 ? -1 : Math.max(0, end - confirmed);
    }

    /** Server WAL end minus the slot's restart_lsn; -1 until both are known. */
    public long retainedWalBytes() {
        long end = walEnd();
        long restart = restartLsn;
        return end < 0 || restart <= 0 ? -1 : Math.max(0, end - restart);
    }

    public long confirmedLsn() {
        return confirmedLsn;
    }

    public long lastReceivedLsn() {
        return lastReceivedLsn;
    }

    private long walEnd() {
        return Math.max(serverWalLsn, lastReceivedLsn);
    }
}
