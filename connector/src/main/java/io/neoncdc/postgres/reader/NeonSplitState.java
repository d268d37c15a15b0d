package io.neoncdc.postgres.reader;

import io.neoncdc.postgres.split.NeonSplit;

/** The moving state of an assigned split, updated by the emitter as records go out. */
public interface NeonSplitState {

    /** The split as it must be restored from a checkpoint taken now. */
    NeonSplit toSplit();

    default StreamSplitState asStream() {
        return (StreamSplitState) this;
    }

    default SnapshotSplitState asSnapshot() {
        return (SnapshotSplitState) this;
    }
}
