package io.neoncdc.postgres.split;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceEvent;

/**
 * Enumerator → reader, sent right before the stream split: hold that split until a checkpoint this
 * reader takes after receiving it has completed.
 *
 * <p>Exactly-once: that checkpoint comes after the enumerator learnt that the last chunk finished,
 * so with aligned checkpoints every snapshot row of every subtask is downstream when the stream
 * starts and no stream event can overtake the row it changes. The reader waits for it itself
 * because a split assigned from the enumerator's checkpoint notification can reach a task that a
 * stop-with-savepoint is finishing, which Flink turns into a failover of the stopping job.
 */
@Internal
public final class StreamGateEvent implements SourceEvent {
    private static final long serialVersionUID = 1L;
}
