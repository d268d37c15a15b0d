package io.neoncdc.postgres.split;

import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceEvent;

/**
 * Reader → enumerator: these chunks were emitted completely, with the snapshots they were read
 * under. Re-sent after a restore until acknowledged; the latest report of a chunk wins.
 */
@Internal
public final class ChunksFinishedEvent implements SourceEvent {
    private static final long serialVersionUID = 1L;

    private final List<FinishedChunk> chunks;

    public ChunksFinishedEvent(List<FinishedChunk> chunks) {
        this.chunks = List.copyOf(chunks);
    }

    public List<FinishedChunk> chunks() {
        return chunks;
    }
}
