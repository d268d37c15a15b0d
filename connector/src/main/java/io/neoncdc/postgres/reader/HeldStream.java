package io.neoncdc.postgres.reader;

import io.neoncdc.postgres.split.NeonSplit;
import io.neoncdc.postgres.split.StreamGateEvent;

/**
 * The stream split a reader holds back after a {@link StreamGateEvent} until a checkpoint it took
 * after receiving the split has completed.
 */
final class HeldStream {
    private boolean holdNext;
    private NeonSplit held;
    private long untilCheckpoint = -1;

    /** The enumerator gated the stream split it assigns next. */
    void gateNext() {
        holdNext = true;
    }

    /** Whether this newly assigned split is held (then kept here) or may be read at once. */
    boolean hold(NeonSplit split) {
        if (!split.isStream() || !holdNext) {
            return false;
        }
        holdNext = false;
        held = split;
        untilCheckpoint = -1;
        return true;
    }

    /**
     * The held split for the reader's checkpoint, or null. A restore from this checkpoint reads it
     * at once: that checkpoint completed, so it is the one the split waited for.
     */
    NeonSplit snapshot(long checkpointId) {
        if (held != null && untilCheckpoint < 0) {
            untilCheckpoint = checkpointId;
        }
        return held;
    }

    /**
     * The enumerator took the held split back. It can only do so before any checkpoint taken after
     * the split arrived completed, so the split must still be held here.
     */
    void revoke() {
        if (held == null) {
            throw new IllegalStateException(
                    "The stream split was revoked after this reader started it");
        }
        held = null;
        untilCheckpoint = -1;
    }

    /** The split to read now that this checkpoint completed, or null. */
    NeonSplit release(long completedCheckpointId) {
        if (held == null || untilCheckpoint < 0 || completedCheckpointId < untilCheckpoint) {
            return null;
        }
        NeonSplit split = held;
        held = null;
        untilCheckpoint = -1;
        return split;
    }
}
