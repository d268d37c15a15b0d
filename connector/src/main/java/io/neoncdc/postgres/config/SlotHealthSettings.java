package io.neoncdc.postgres.config;

import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.annotation.Internal;

/**
 * When the stream reader checks its slot ({@code slot.health.interval}) and the limits past which
 * it logs a warning: retained WAL and the age of the slot's {@code restart_lsn}.
 */
@Internal
public final class SlotHealthSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * Warn when {@code safe_wal_size} falls below this share of {@code max_slot_wal_keep_size}: the
     * slot is then at most that much WAL away from being invalidated.
     */
    public static final double SAFE_WAL_WARN_FRACTION = 0.2;

    private final Duration interval;
    private final long retainedWalWarnBytes;
    private final Duration restartLsnAgeWarn;

    public SlotHealthSettings(
            Duration interval, long retainedWalWarnBytes, Duration restartLsnAgeWarn) {
        this.interval = interval;
        this.retainedWalWarnBytes = retainedWalWarnBytes;
        this.restartLsnAgeWarn = restartLsnAgeWarn;
    }

    /** Between two checks; zero turns checks, slot gauges and warnings off. */
    public Duration interval() {
        return interval;
    }

    public boolean enabled() {
        return !interval.isZero() && !interval.isNegative();
    }

    public long retainedWalWarnBytes() {
        return retainedWalWarnBytes;
    }

    public Duration restartLsnAgeWarn() {
        return restartLsnAgeWarn;
    }
}
