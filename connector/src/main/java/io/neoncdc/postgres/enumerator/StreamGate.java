package io.neoncdc.postgres.enumerator;

/**
 * When the stream may start. Snapshot rows and stream events of the same key come from different
 * subtasks, so the stream starts only once a checkpoint taken after the last chunk finished has
 * completed: with aligned checkpoints every snapshot row is then processed downstream, and no
 * stream event can overtake the row it changes. The stream owner holds the split until then ({@link
 * io.neoncdc.postgres.split.StreamGateEvent}). Coordinator thread only.
 */
final class StreamGate {
    private long checkpoint;
    private boolean open;

    /**
     * @param restoredCheckpoint the gate checkpoint of a restored state, or -1. A restored one has
     *     completed: it is part of the checkpoint restored from, so the gate is open.
     */
    StreamGate(long restoredCheckpoint) {
        this.checkpoint = restoredCheckpoint;
        this.open = restoredCheckpoint >= 0;
    }

    /** The first checkpoint taken after every chunk finished, or -1 while there is none. */
    long checkpoint() {
        return checkpoint;
    }

    boolean isOpen() {
        return open;
    }

    /**
     * A chunk is read (or emitted) again: a gate checkpoint taken before now does not prove its new
     * rows are downstream. Returns whether the gate is still closed (else nothing changes: the
     * stream already runs with every chunk settled).
     */
    boolean rearm() {
        if (open) {
            return false;
        }
        checkpoint = -1;
        return true;
    }

    /** Forgets the gate (the tables are read again from scratch). */
    void reset() {
        checkpoint = -1;
        open = false;
    }

    /** The enumerator snapshots checkpoint {@code id}. */
    void snapshotTaken(long id, boolean allChunksFinished) {
        if (allChunksFinished && checkpoint < 0) {
            checkpoint = id;
        }
    }

    /**
     * Checkpoint {@code id} completed. Only recorded: the stream owner waits for this completion
     * itself. Assigning here could reach a task a stop-with-savepoint is finishing and fail the
     * stopping job.
     */
    void completed(long id) {
        if (checkpoint >= 0 && id >= checkpoint) {
            open = true;
        }
    }

    /**
     * Whether a stream split assigned now must wait for the gate: chunks were read, by more than
     * one subtask (one subtask emits its chunks and its stream in order by itself).
     */
    boolean holds(int totalChunks, int parallelism, boolean oneSubtask) {
        return totalChunks > 0 && parallelism > 1 && !oneSubtask && !open;
    }
}
