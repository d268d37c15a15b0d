package io.neoncdc.postgres.split;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceEvent;

/**
 * Enumerator → reader: drop the stream split held behind its {@link StreamGateEvent}; a chunk is
 * being read again, so a new split with that read's snapshot follows later.
 */
@Internal
public final class StreamRevokeEvent implements SourceEvent {
    private static final long serialVersionUID = 1L;
}
