package io.neoncdc.postgres.pgoutput;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Decodes pgoutput messages of one replication connection (protocol versions 1 and 2, and the
 * protocol 4 Stream Abort fields), tracking whether a stream block is open because that decides
 * whether changes carry an xid.
 *
 * <p>Use one decoder per replication connection and feed it every message in order, from one thread
 * (it is not thread-safe). A {@link PgOutputDecodeException} leaves the decoder's state as it was
 * before the failed message; the connection should be treated as broken anyway.
 */
public final class PgOutputDecoder {
    private static final long NO_STREAM = -1L;

    /** The top-level xid of the open stream block, or {@link #NO_STREAM}. */
    private long streamXid = NO_STREAM;

    public PgOutputDecoder() {}

    /**
     * Decodes the message in {@code buffer[position, limit)}: exactly one pgoutput message, as
     * pgjdbc's {@code PGReplicationStream.readPending()} returns it (the buffer may be a slice of a
     * larger array). The buffer's position and limit are not changed.
     *
     * <p>The returned message keeps references into the buffer's backing array instead of copying
     * tuple values (pgjdbc allocates a fresh array per message): do not reuse or modify that array
     * while the message is in use. Buffers without an accessible array are copied once. (pgjdbc
     * 42.7 returns a slice that starts after the 25-byte XLogData header: position 0, array offset
     * 25.)
     *
     * @param walStart the XLogData WAL start of the frame (pgjdbc's {@code getLastReceiveLSN()}),
     *     only named in error messages; note that PostgreSQL sends 0/0 for a message written ahead
     *     of another one in the same output callback (Relation, Type, and a Begin or Stream Start
     *     followed by Origin)
     * @throws PgOutputDecodeException when the bytes are not a valid pgoutput message here
     */
    public PgOutputMessage decode(ByteBuffer buffer, long walStart) {
        Objects.requireNonNull(buffer, "buffer");
        MessageReader r;
        if (buffer.hasArray()) {
            int start = buffer.arrayOffset() + buffer.position();
            r = new MessageReader(buffer.array(), start, start + buffer.remaining(), walStart);
        } else {
            byte[] copy = new byte[buffer.remaining()];
            buffer.duplicate().get(copy);
            r = new MessageReader(copy, 0, copy.length, walStart);
        }
        int type = r.readUInt8("message type byte");
        PgOutputMessage.Kind kind = PgOutputMessage.Kind.ofCode(type);
        if (kind == null) {
            throw r.error(
                    0, "unknown message type " + MessageReader.describeByte(type) + hint(type));
        }
        r.messageName(kind.displayName());
        PgOutputMessage message = read(kind, r);
        r.expectEnd();
        // Change the stream state only once the whole message decoded.
        if (kind == PgOutputMessage.Kind.STREAM_START) {
            streamXid = ((StreamStartMessage) message).xid();
        } else if (kind == PgOutputMessage.Kind.STREAM_STOP) {
            streamXid = NO_STREAM;
        }
        return message;
    }

    /** Whether a stream block is open (a Stream Start arrived without its Stream Stop yet). */
    public boolean inStreamBlock() {
        return streamXid != NO_STREAM;
    }

    /** The top-level xid of the open stream block, or -1 outside of one. */
    public long currentStreamXid() {
        return streamXid;
    }

    private PgOutputMessage read(PgOutputMessage.Kind kind, MessageReader r) {
        switch (kind) {
            case BEGIN:
                requireOutsideStream(r);
                return BeginMessage.read(r);
            case COMMIT:
                requireOutsideStream(r);
                return CommitMessage.read(r);
            case ORIGIN:
                return OriginMessage.read(r);
            case RELATION:
                return RelationMessage.read(r, readStreamXid(r));
            case TYPE:
                return TypeMessage.read(r, readStreamXid(r));
            case INSERT:
                return InsertMessage.read(r, readStreamXid(r));
            case UPDATE:
                return UpdateMessage.read(r, readStreamXid(r));
            case DELETE:
                return DeleteMessage.read(r, readStreamXid(r));
            case TRUNCATE:
                return TruncateMessage.read(r, readStreamXid(r));
            case MESSAGE:
                return LogicalMessage.read(r, readStreamXid(r));
            case STREAM_START:
                requireOutsideStream(r);
                return StreamStartMessage.read(r);
            case STREAM_STOP:
                if (streamXid == NO_STREAM) {
                    throw r.error(0, "Stream Stop without an open stream block");
                }
                return StreamStopMessage.INSTANCE;
            case STREAM_COMMIT:
                requireOutsideStream(r);
                return StreamCommitMessage.read(r);
            case STREAM_ABORT:
                requireOutsideStream(r);
                return StreamAbortMessage.read(r);
            default:
                throw r.error(0, "unhandled message kind " + kind);
        }
    }

    /** Inside a stream block, changes start with the xid of their (sub)transaction. */
    private long readStreamXid(MessageReader r) {
        return streamXid == NO_STREAM ? StreamableMessage.NOT_STREAMED : r.readUInt32("xid");
    }

    private void requireOutsideStream(MessageReader r) {
        if (streamXid != NO_STREAM) {
            throw r.error(
                    0,
                    "not allowed inside the open stream block of xid "
                            + streamXid
                            + " (expected a change or Stream Stop)");
        }
    }

    private static String hint(int type) {
        switch (type) {
            case 'b':
            case 'P':
            case 'K':
            case 'r':
            case 'p':
                return " (a protocol 3 two-phase message: the two_phase option is not supported)";
            default:
                return ", expected one of B C O R Y I U D T M S E c A";
        }
    }
}
