package io.neoncdc.postgres.config;

import java.time.Duration;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ReadableConfig;

/**
 * How the job checkpoints, which decides how the stream takes over from a parallel snapshot: after
 * a completed aligned checkpoint, or (without one to rely on) on the one subtask that also read
 * every chunk.
 */
@PublicEvolving
public enum CheckpointMode {
    /** Aligned checkpoints: a completed checkpoint means every earlier record was processed. */
    ALIGNED,
    /** Unaligned checkpoints: completion says nothing about in-flight records. */
    UNALIGNED,
    /** No checkpointing. */
    DISABLED,
    /** Not known (DataStream jobs): assumed aligned, with a warning while waiting. */
    UNKNOWN;

    /** Reads the job's checkpointing settings (SQL: the table environment's configuration). */
    public static CheckpointMode of(ReadableConfig config) {
        Duration interval =
                config.getOptional(CheckpointingOptions.CHECKPOINTING_INTERVAL).orElse(null);
        if (interval == null || interval.isZero() || interval.isNegative()) {
            return DISABLED;
        }
        boolean unaligned =
                config.getOptional(CheckpointingOptions.ENABLE_UNALIGNED).orElse(false)
                        || config.getOptional(CheckpointingOptions.FORCE_UNALIGNED).orElse(false);
        return unaligned ? UNALIGNED : ALIGNED;
    }

    /** Whether the stream may wait for a completed checkpoint to start after the snapshot. */
    public boolean gatesOnCheckpoint() {
        return this == ALIGNED || this == UNKNOWN;
    }
}
