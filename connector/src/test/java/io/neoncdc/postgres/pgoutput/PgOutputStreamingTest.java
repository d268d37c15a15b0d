package io.neoncdc.postgres.pgoutput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Protocol 2 streaming: stream block messages, xids on streamed changes, and the block state. */
class PgOutputStreamingTest {
    private static final long XID = 0xFFFF_FFF0L;
    private static final long SUB_XID = 0xFFFF_FFF1L;

    private final PgOutputDecoder decoder = new PgOutputDecoder();

    private PgOutputMessage decode(FrameBuilder frame) {
        return decoder.decode(frame.buffer(), 0x5_0000_0010L);
    }

    private void startStream(boolean first) {
        StreamStartMessage start =
                (StreamStartMessage)
                        decode(FrameBuilder.message('S').uint32(XID).int8(first ? 1 : 0));
        assertThat(start.kind()).isEqualTo(PgOutputMessage.Kind.STREAM_START);
        assertThat(start.xid()).isEqualTo(XID);
        assertThat(start.firstSegment()).isEqualTo(first);
        assertThat(decoder.inStreamBlock()).isTrue();
        assertThat(decoder.currentStreamXid()).isEqualTo(XID);
    }

    @Test
    void streamedChangesCarryTheirXid() {
        startStream(true);
        RelationMessage relation =
                (RelationMessage)
                        decode(
                                FrameBuilder.message('R')
                                        .uint32(XID)
                                        .int32(42)
                                        .string("public")
                                        .string("t")
                                        .int8('d')
                                        .int16(1)
                                        .int8(1)
                                        .string("id")
                                        .int32(23)
                                        .int32(-1));
        assertThat(relation.streamXid()).isEqualTo(XID);
        assertThat(relation.isStreamed()).isTrue();
        assertThat(relation.name()).isEqualTo("t");
        TypeMessage type =
                (TypeMessage)
                        decode(
                                FrameBuilder.message('Y')
                                        .uint32(XID)
                                        .int32(99)
                                        .string("public")
                                        .string("mood"));
        assertThat(type.streamXid()).isEqualTo(XID);
        assertThat(type.name()).isEqualTo("mood");
        InsertMessage insert =
                (InsertMessage)
                        decode(
                                FrameBuilder.message('I')
                                        .uint32(SUB_XID)
                                        .int32(42)
                                        .int8('N')
                                        .tuple("1"));
        assertThat(insert.streamXid()).isEqualTo(SUB_XID);
        assertThat(insert.relationId()).isEqualTo(42);
        assertThat(insert.newTuple().text(0)).isEqualTo("1");
        UpdateMessage update =
                (UpdateMessage)
                        decode(
                                FrameBuilder.message('U')
                                        .uint32(XID)
                                        .int32(42)
                                        .int8('K')
                                        .tuple("1")
                                        .int8('N')
                                        .tuple("2"));
        assertThat(update.streamXid()).isEqualTo(XID);
        assertThat(update.oldTuple().text(0)).isEqualTo("1");
        UpdateMessage plainUpdate =
                (UpdateMessage)
                        decode(
                                FrameBuilder.message('U')
                                        .uint32(XID)
                                        .int32(42)
                                        .int8('N')
                                        .tuple("3"));
        assertThat(plainUpdate.oldTuple()).isNull();
        DeleteMessage delete =
                (DeleteMessage)
                        decode(
                                FrameBuilder.message('D')
                                        .uint32(XID)
                                        .int32(42)
                                        .int8('O')
                                        .tuple("3"));
        assertThat(delete.streamXid()).isEqualTo(XID);
        assertThat(delete.oldKind()).isEqualTo('O');
        TruncateMessage truncate =
                (TruncateMessage)
                        decode(FrameBuilder.message('T').uint32(XID).int32(1).int8(0).int32(42));
        assertThat(truncate.streamXid()).isEqualTo(XID);
        assertThat(truncate.relationIds()).containsExactly(42);
        LogicalMessage message =
                (LogicalMessage)
                        decode(
                                FrameBuilder.message('M')
                                        .uint32(XID)
                                        .int8(1)
                                        .int64(7)
                                        .string("p")
                                        .int32(1)
                                        .int8('x'));
        assertThat(message.streamXid()).isEqualTo(XID);
        assertThat(message.contentAsText()).isEqualTo("x");
        assertThat(message.toString()).contains("streamXid=" + XID);
        OriginMessage origin =
                (OriginMessage) decode(FrameBuilder.message('O').int64(0).string("o"));
        assertThat(origin.commitLsn()).isEqualTo(Lsn.INVALID);

        assertThat(decode(FrameBuilder.message('E'))).isSameAs(StreamStopMessage.INSTANCE);
        assertThat(decoder.inStreamBlock()).isFalse();
        assertThat(decoder.currentStreamXid()).isEqualTo(-1L);

        InsertMessage after =
                (InsertMessage) decode(FrameBuilder.message('I').int32(42).int8('N').tuple("4"));
        assertThat(after.isStreamed()).isFalse();
    }

    @Test
    void regularTransactionsBetweenStreamBlocks() {
        startStream(true);
        decode(FrameBuilder.message('E'));
        decode(FrameBuilder.message('B').int64(0x100).int64(0).uint32(7));
        decode(FrameBuilder.message('I').int32(42).int8('N').tuple("1"));
        decode(FrameBuilder.message('C').int8(0).int64(0x100).int64(0x130).int64(0));
        startStream(false);
        decode(FrameBuilder.message('I').uint32(XID).int32(42).int8('N').tuple("2"));
        decode(FrameBuilder.message('E'));
        StreamCommitMessage commit =
                (StreamCommitMessage)
                        decode(
                                FrameBuilder.message('c')
                                        .uint32(XID)
                                        .int8(0)
                                        .int64(0x200L)
                                        .int64(0x230L)
                                        .int64(1_000_000L));
        assertThat(commit.kind()).isEqualTo(PgOutputMessage.Kind.STREAM_COMMIT);
        assertThat(commit.xid()).isEqualTo(XID);
        assertThat(commit.flags()).isZero();
        assertThat(commit.commitLsn()).isEqualTo(0x200L);
        assertThat(commit.endLsn()).isEqualTo(0x230L);
        assertThat(commit.commitTimeMicros()).isEqualTo(946_684_801_000_000L);
    }

    @Test
    void streamAbortOfTransactionAndOfSubtransaction() {
        StreamAbortMessage whole =
                (StreamAbortMessage) decode(FrameBuilder.message('A').uint32(XID).uint32(XID));
        assertThat(whole.kind()).isEqualTo(PgOutputMessage.Kind.STREAM_ABORT);
        assertThat(whole.abortsTransaction()).isTrue();
        assertThat(whole.hasAbortInfo()).isFalse();
        assertThat(whole.abortLsn()).isEqualTo(Lsn.INVALID);
        assertThat(whole.abortTimeMicros()).isEqualTo(StreamAbortMessage.NO_ABORT_TIME);
        StreamAbortMessage sub =
                (StreamAbortMessage) decode(FrameBuilder.message('A').uint32(XID).uint32(SUB_XID));
        assertThat(sub.xid()).isEqualTo(XID);
        assertThat(sub.subXid()).isEqualTo(SUB_XID);
        assertThat(sub.abortsTransaction()).isFalse();
    }

    @Test
    void streamAbortWithProtocol4ParallelFields() {
        StreamAbortMessage abort =
                (StreamAbortMessage)
                        decode(
                                FrameBuilder.message('A')
                                        .uint32(XID)
                                        .uint32(SUB_XID)
                                        .int64(0x7_0000_0000L)
                                        .int64(0));
        assertThat(abort.hasAbortInfo()).isTrue();
        assertThat(abort.abortLsn()).isEqualTo(0x7_0000_0000L);
        assertThat(abort.abortTimeMicros()).isEqualTo(946_684_800_000_000L);
        assertThat(abort.toString()).contains("7/0");
    }

    @Test
    void streamStopWithoutStreamStartFails() {
        assertThatThrownBy(() -> decode(FrameBuilder.message('E')))
                .isInstanceOf(PgOutputDecodeException.class)
                .hasMessageContaining("Stream Stop without an open stream block");
    }

    @Test
    void transactionBoundariesInsideAStreamBlockFail() {
        startStream(true);
        FrameBuilder[] notAllowed = {
            FrameBuilder.message('B').int64(1).int64(1).int32(1),
            FrameBuilder.message('C').int8(0).int64(1).int64(1).int64(1),
            FrameBuilder.message('S').uint32(1).int8(1),
            FrameBuilder.message('c').uint32(XID).int8(0).int64(1).int64(1).int64(1),
            FrameBuilder.message('A').uint32(XID).uint32(XID),
        };
        for (FrameBuilder frame : notAllowed) {
            assertThatThrownBy(() -> decode(frame))
                    .isInstanceOf(PgOutputDecodeException.class)
                    .hasMessageContaining("not allowed inside the open stream block of xid " + XID)
                    .hasMessageContaining("LSN 5/10");
        }
        assertThat(decoder.currentStreamXid()).isEqualTo(XID);
    }

    @Test
    void failedMessageLeavesTheStreamStateUnchanged() {
        assertThatThrownBy(() -> decode(FrameBuilder.message('S').uint32(XID).int8(1).int8(0)))
                .isInstanceOf(PgOutputDecodeException.class)
                .hasMessageContaining("1 bytes remain");
        assertThat(decoder.inStreamBlock()).isFalse();
        startStream(true);
        assertThatThrownBy(() -> decode(FrameBuilder.message('E').int8(0)))
                .isInstanceOf(PgOutputDecodeException.class);
        assertThat(decoder.inStreamBlock()).isTrue();
    }

    @Test
    void streamedChangeWithoutItsXidIsTruncated() {
        startStream(true);
        // A protocol 1 style insert inside a stream block: the relation id is read as xid.
        assertThatThrownBy(() -> decode(FrameBuilder.message('I').int32(42).int8('N')))
                .isInstanceOf(PgOutputDecodeException.class)
                .hasMessageContaining("Insert");
    }
}
