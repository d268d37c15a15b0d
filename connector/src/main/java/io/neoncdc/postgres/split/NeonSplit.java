package io.neoncdc.postgres.split;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceSplit;

/** A unit of work of the source: one snapshot chunk or the single change stream. */
@Internal
public interface NeonSplit extends SourceSplit {

    /** Whether this is the change stream ({@link StreamSplit}) rather than a chunk. */
    boolean isStream();

    default SnapshotSplit asSnapshot() {
        return (SnapshotSplit) this;
    }

    default StreamSplit asStream() {
        return (StreamSplit) this;
    }
}
