package io.neoncdc.postgres.pgoutput;

/**
 * A message that may arrive inside a stream block (protocol 2, between Stream Start and Stream
 * Stop) and then carries the xid of the (sub)transaction it belongs to.
 */
public interface StreamableMessage extends PgOutputMessage {

    /** The {@link #streamXid()} of a message that did not arrive inside a stream block. */
    long NOT_STREAMED = -1L;

    /**
     * The xid sent with a streamed message (unsigned 32 bits; may be a subtransaction's xid, the
     * top-level one is in the enclosing {@link StreamStartMessage}), or {@link #NOT_STREAMED}.
     */
    long streamXid();

    /** Whether the message arrived inside a stream block. */
    default boolean isStreamed() {
        return streamXid() != NOT_STREAMED;
    }
}
