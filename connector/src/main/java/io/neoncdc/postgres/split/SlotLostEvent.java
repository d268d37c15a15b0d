package io.neoncdc.postgres.split;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceEvent;

/**
 * Reader → enumerator: the slot lost changes the stream needed and {@code slot.lost-action} is
 * {@code resnapshot}; the stream split ended and the captured tables must be read again.
 */
@Internal
public final class SlotLostEvent implements SourceEvent {
    private static final long serialVersionUID = 1L;
}
