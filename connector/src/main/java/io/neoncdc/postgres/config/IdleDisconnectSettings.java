package io.neoncdc.postgres.config;

import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.annotation.Internal;

/**
 * The scale-to-zero idle mode ({@code neon.idle-disconnect.*}): how long the stream may be idle
 * before it closes its connections, and when it reconnects to look for new WAL.
 */
@Internal
public final class IdleDisconnectSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Off: the stream stays connected (the default). */
    public static final IdleDisconnectSettings OFF =
            new IdleDisconnectSettings(
                    false, Duration.ofMinutes(1), Duration.ofMinutes(10), IdleReconnect.INTERVAL);

    /**
     * Neon removes a slot that stays inactive for about this long (disconnected is inactive), so
     * the time disconnected must stay well below it.
     */
    public static final Duration NEON_INACTIVE_SLOT_WINDOW = Duration.ofHours(40);

    /**
     * Added to the reconnect interval for the longest time a slot is inactive in one cycle: Neon's
     * default suspend timeout, the order of a compute's wake-up plus the reconnect itself.
     */
    public static final Duration SUSPEND_ALLOWANCE = Duration.ofMinutes(5);

    private final boolean enabled;
    private final Duration after;
    private final Duration reconnectInterval;
    private final IdleReconnect reconnectAt;

    public IdleDisconnectSettings(
            boolean enabled, Duration after, Duration reconnectInterval, IdleReconnect at) {
        this.enabled = enabled;
        this.after = after;
        this.reconnectInterval = reconnectInterval;
        this.reconnectAt = at;
    }

    public boolean enabled() {
        return enabled;
    }

    /** Idle this long (no change, the slot confirmed) before disconnecting. */
    public Duration after() {
        return after;
    }

    /** Disconnected at least this long before looking for new WAL. */
    public Duration reconnectInterval() {
        return reconnectInterval;
    }

    public IdleReconnect reconnectAt() {
        return reconnectAt;
    }

    /** The longest the slot stays inactive in one cycle (interval plus the suspend allowance). */
    public Duration inactiveBound() {
        return reconnectInterval.plus(SUSPEND_ALLOWANCE);
    }

    @Override
    public String toString() {
        return enabled
                ? "after " + after + ", reconnect " + reconnectAt + " " + reconnectInterval
                : "off";
    }
}
