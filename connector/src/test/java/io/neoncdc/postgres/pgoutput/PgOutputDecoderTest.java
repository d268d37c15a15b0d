package io.neoncdc.postgres.pgoutput;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Decodes hand-built frames of every non-streamed message kind (protocol 1). */
class PgOutputDecoderTest {
    /** 2000-01-01T00:00:01Z in PostgreSQL microseconds, and the same instant in Unix micros. */
    private static final long PG_MICROS = 1_000_000L;

    private static final long UNIX_MICROS = 946_684_801_000_000L;

    private final PgOutputDecoder decoder = new PgOutputDecoder();

    private PgOutputMessage decode(FrameBuilder frame) {
        return decoder.decode(frame.buffer(), 0x1_0000_0000L);
    }

    @Test
    void begin() {
        BeginMessage begin =
                (BeginMessage)
                        decode(
                                FrameBuilder.message('B')
                                        .int64(0x16_B374_D848L)
                                        .int64(PG_MICROS)
                                        .uint32(0xFFFF_FFFEL));
        assertThat(begin.kind()).isEqualTo(PgOutputMessage.Kind.BEGIN);
        assertThat(begin.finalLsn()).isEqualTo(0x16_B374_D848L);
        assertThat(begin.commitTimeMicros()).isEqualTo(UNIX_MICROS);
        assertThat(begin.xid()).isEqualTo(4_294_967_294L);
        assertThat(begin.toString()).contains("16/B374D848", "4294967294");
    }

    @Test
    void commit() {
        CommitMessage commit =
                (CommitMessage)
                        decode(
                                FrameBuilder.message('C')
                                        .int8(0)
                                        .int64(0x10L)
                                        .int64(0x40L)
                                        .int64(PG_MICROS));
        assertThat(commit.kind()).isEqualTo(PgOutputMessage.Kind.COMMIT);
        assertThat(commit.flags()).isZero();
        assertThat(commit.commitLsn()).isEqualTo(0x10L);
        assertThat(commit.endLsn()).isEqualTo(0x40L);
        assertThat(commit.commitTimeMicros()).isEqualTo(UNIX_MICROS);
    }

    @Test
    void timestampsAreUnixMicrosAndInfinitySaturates() {
        assertThat(commitTime(0L)).isEqualTo(946_684_800_000_000L);
        assertThat(commitTime(-946_684_800_000_000L)).isZero();
        assertThat(commitTime(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThat(commitTime(Long.MIN_VALUE)).isEqualTo(Long.MIN_VALUE);
    }

    private long commitTime(long pgMicros) {
        return ((BeginMessage) decode(FrameBuilder.message('B').int64(1).int64(pgMicros).int32(1)))
                .commitTimeMicros();
    }

    @Test
    void origin() {
        OriginMessage origin =
                (OriginMessage)
                        decode(FrameBuilder.message('O').int64(0x1_0000_0001L).string("orígin"));
        assertThat(origin.kind()).isEqualTo(PgOutputMessage.Kind.ORIGIN);
        assertThat(origin.commitLsn()).isEqualTo(0x1_0000_0001L);
        assertThat(origin.name()).isEqualTo("orígin");
    }

    @Test
    void relationWithNonAsciiNamesKeyFlagsAndUnsignedOids() {
        RelationMessage relation =
                (RelationMessage)
                        decode(
                                FrameBuilder.message('R')
                                        .int32(0xFFFF_FFF0)
                                        .string("schéma")
                                        .string("表")
                                        .int8('f')
                                        .int16(3)
                                        .int8(1)
                                        .string("id")
                                        .int32(20)
                                        .int32(-1)
                                        .int8(0)
                                        .string("naïve")
                                        .int32(1043)
                                        .int32(14)
                                        .int8(0)
                                        .string("mood")
                                        .int32(0x8000_0001)
                                        .int32(-1));
        assertThat(relation.kind()).isEqualTo(PgOutputMessage.Kind.RELATION);
        assertThat(relation.isStreamed()).isFalse();
        assertThat(relation.streamXid()).isEqualTo(StreamableMessage.NOT_STREAMED);
        assertThat(relation.relationId()).isEqualTo(0xFFFF_FFF0);
        assertThat(relation.namespace()).isEqualTo("schéma");
        assertThat(relation.name()).isEqualTo("表");
        assertThat(relation.replicaIdentity()).isEqualTo(RelationMessage.IDENTITY_FULL);
        assertThat(relation.columns()).hasSize(3);
        RelationColumn id = relation.columns().get(0);
        assertThat(id.key()).isTrue();
        assertThat(id.name()).isEqualTo("id");
        assertThat(id.typeOid()).isEqualTo(20);
        assertThat(id.typmod()).isEqualTo(-1);
        assertThat(relation.columns().get(1).key()).isFalse();
        assertThat(relation.columns().get(1).name()).isEqualTo("naïve");
        assertThat(relation.columns().get(1).typmod()).isEqualTo(14);
        assertThat(relation.columns().get(2).typeOid()).isEqualTo(0x8000_0001);
        assertThat(relation.toString()).contains("4294967280", "schéma.表", "*id:20", "2147483649");
    }

    @Test
    void relationWithEveryReplicaIdentityAndNoColumns() {
        for (char identity : new char[] {'d', 'n', 'f', 'i'}) {
            RelationMessage relation =
                    (RelationMessage)
                            decode(
                                    FrameBuilder.message('R')
                                            .int32(7)
                                            .string("")
                                            .string("t")
                                            .int8(identity)
                                            .int16(0));
            assertThat(relation.replicaIdentity()).isEqualTo(identity);
            assertThat(relation.namespace()).isEmpty();
            assertThat(relation.columns()).isEmpty();
        }
    }

    @Test
    void type() {
        TypeMessage type =
                (TypeMessage)
                        decode(
                                FrameBuilder.message('Y')
                                        .int32(16_385)
                                        .string("public")
                                        .string("mood"));
        assertThat(type.kind()).isEqualTo(PgOutputMessage.Kind.TYPE);
        assertThat(type.typeOid()).isEqualTo(16_385);
        assertThat(type.namespace()).isEqualTo("public");
        assertThat(type.name()).isEqualTo("mood");
        assertThat(type.isStreamed()).isFalse();
    }

    @Test
    void insertWithEveryColumnKind() {
        byte[] binary = {0, 0, 0, 42};
        InsertMessage insert =
                (InsertMessage)
                        decode(
                                FrameBuilder.message('I')
                                        .int32(42)
                                        .int8('N')
                                        .tuple(
                                                null,
                                                FrameBuilder.UNCHANGED,
                                                "grüße €",
                                                binary,
                                                ""));
        assertThat(insert.kind()).isEqualTo(PgOutputMessage.Kind.INSERT);
        assertThat(insert.relationId()).isEqualTo(42);
        assertThat(insert.isStreamed()).isFalse();
        TupleData tuple = insert.newTuple();
        assertThat(tuple.size()).isEqualTo(5);
        assertThat(tuple.kind(0)).isEqualTo(TupleData.NULL);
        assertThat(tuple.isNull(0)).isTrue();
        assertThat(tuple.text(0)).isNull();
        assertThat(tuple.copyBytes(0)).isNull();
        assertThat(tuple.length(0)).isEqualTo(-1);
        assertThat(tuple.kind(1)).isEqualTo(TupleData.UNCHANGED_TOAST);
        assertThat(tuple.isUnchangedToast(1)).isTrue();
        assertThat(tuple.isNull(1)).isFalse();
        assertThat(tuple.kind(2)).isEqualTo(TupleData.TEXT);
        assertThat(tuple.text(2)).isEqualTo("grüße €");
        assertThat(tuple.length(2))
                .isEqualTo("grüße €".getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        assertThat(tuple.kind(3)).isEqualTo(TupleData.BINARY);
        assertThat(tuple.copyBytes(3)).containsExactly(binary);
        assertThat(tuple.length(3)).isEqualTo(4);
        assertThat(tuple.kind(4)).isEqualTo(TupleData.TEXT);
        assertThat(tuple.text(4)).isEmpty();
        assertThat(tuple.length(4)).isZero();
        assertThat(insert.toString()).contains("n, u, t:'grüße €', b:0x0000002a, t:''");
    }

    @Test
    void insertWithEmptyTuple() {
        InsertMessage insert =
                (InsertMessage) decode(FrameBuilder.message('I').int32(42).int8('N').tuple());
        assertThat(insert.newTuple().size()).isZero();
    }

    @Test
    void tupleValuesAreZeroCopySlicesOfTheMessageArray() {
        byte[] frame = FrameBuilder.message('I').int32(1).int8('N').tuple("abc").build();
        InsertMessage insert = (InsertMessage) decoder.decode(ByteBuffer.wrap(frame), 1L);
        TupleData tuple = insert.newTuple();
        assertThat(tuple.array()).isSameAs(frame);
        // type (1) + relation (4) + 'N' (1) + count (2) + kind (1) + length (4)
        assertThat(tuple.offset(0)).isEqualTo(13);
        assertThat(tuple.length(0)).isEqualTo(3);
    }

    @Test
    void updateWithoutOldTuple() {
        UpdateMessage update =
                (UpdateMessage)
                        decode(FrameBuilder.message('U').int32(42).int8('N').tuple("1", "b"));
        assertThat(update.kind()).isEqualTo(PgOutputMessage.Kind.UPDATE);
        assertThat(update.relationId()).isEqualTo(42);
        assertThat(update.oldKind()).isEqualTo(UpdateMessage.NO_OLD_TUPLE).isEqualTo((char) 0);
        assertThat(update.oldTuple()).isNull();
        assertThat(update.newTuple().text(1)).isEqualTo("b");
    }

    @Test
    void updateWithOldKey() {
        UpdateMessage update =
                (UpdateMessage)
                        decode(
                                FrameBuilder.message('U')
                                        .int32(42)
                                        .int8('K')
                                        .tuple("1", null)
                                        .int8('N')
                                        .tuple("2", FrameBuilder.UNCHANGED));
        assertThat(update.oldKind()).isEqualTo('K');
        assertThat(update.oldTuple().text(0)).isEqualTo("1");
        assertThat(update.oldTuple().isNull(1)).isTrue();
        assertThat(update.newTuple().text(0)).isEqualTo("2");
        assertThat(update.newTuple().isUnchangedToast(1)).isTrue();
    }

    @Test
    void updateWithOldTuple() {
        UpdateMessage update =
                (UpdateMessage)
                        decode(
                                FrameBuilder.message('U')
                                        .int32(42)
                                        .int8('O')
                                        .tuple("1", "a")
                                        .int8('N')
                                        .tuple("1", "b"));
        assertThat(update.oldKind()).isEqualTo('O');
        assertThat(update.oldTuple().text(1)).isEqualTo("a");
        assertThat(update.newTuple().text(1)).isEqualTo("b");
        assertThat(update.toString()).contains("oldO=(t:'1', t:'a')", "new=(t:'1', t:'b')");
    }

    @Test
    void deleteWithKeyAndWithOldTuple() {
        DeleteMessage byKey =
                (DeleteMessage)
                        decode(FrameBuilder.message('D').int32(42).int8('K').tuple("1", null));
        assertThat(byKey.kind()).isEqualTo(PgOutputMessage.Kind.DELETE);
        assertThat(byKey.oldKind()).isEqualTo('K');
        assertThat(byKey.oldTuple().text(0)).isEqualTo("1");
        DeleteMessage full =
                (DeleteMessage)
                        decode(FrameBuilder.message('D').int32(42).int8('O').tuple("1", "x"));
        assertThat(full.oldKind()).isEqualTo('O');
        assertThat(full.oldTuple().text(1)).isEqualTo("x");
    }

    @Test
    void truncateOptions() {
        for (int options = 0; options < 4; options++) {
            TruncateMessage truncate =
                    (TruncateMessage)
                            decode(
                                    FrameBuilder.message('T')
                                            .int32(2)
                                            .int8(options)
                                            .int32(42)
                                            .int32(0xFFFF_FFFF));
            assertThat(truncate.kind()).isEqualTo(PgOutputMessage.Kind.TRUNCATE);
            assertThat(truncate.cascade()).isEqualTo((options & 1) != 0);
            assertThat(truncate.restartIdentity()).isEqualTo((options & 2) != 0);
            assertThat(truncate.relationIds()).containsExactly(42, -1);
        }
    }

    @Test
    void logicalMessages() {
        LogicalMessage transactional =
                (LogicalMessage)
                        decode(
                                FrameBuilder.message('M')
                                        .int8(1)
                                        .int64(0x200L)
                                        .string("préfix")
                                        .int32(3)
                                        .bytes(new byte[] {'a', 0, (byte) 0xFF}));
        assertThat(transactional.kind()).isEqualTo(PgOutputMessage.Kind.MESSAGE);
        assertThat(transactional.transactional()).isTrue();
        assertThat(transactional.lsn()).isEqualTo(0x200L);
        assertThat(transactional.prefix()).isEqualTo("préfix");
        assertThat(transactional.content()).containsExactly('a', 0, 0xFF);
        LogicalMessage plain =
                (LogicalMessage)
                        decode(FrameBuilder.message('M').int8(0).int64(1).string("p").int32(0));
        assertThat(plain.transactional()).isFalse();
        assertThat(plain.content()).isEmpty();
        assertThat(plain.contentAsText()).isEmpty();
    }

    @Test
    void bufferThatIsASliceOfALargerArray() {
        byte[] frame = HandBuiltFrames.insert(false);
        byte[] big = new byte[frame.length + 30];
        System.arraycopy(frame, 0, big, 17, frame.length);
        ByteBuffer slice = ByteBuffer.wrap(big, 10, frame.length + 7).slice();
        slice.position(7);
        assertThat(slice.arrayOffset()).isEqualTo(10);

        InsertMessage insert = (InsertMessage) decoder.decode(slice, 1L);

        assertThat(slice.position()).isEqualTo(7);
        assertThat(insert.newTuple().text(0)).isEqualTo("1");
        assertThat(insert.newTuple().copyBytes(3)).containsExactly(1, 2);
        assertThat(insert.newTuple().array()).isSameAs(big);
        assertThat(insert.newTuple().offset(3)).isGreaterThan(17);
    }

    @Test
    void directAndReadOnlyBuffersAreCopiedOnce() {
        byte[] frame = HandBuiltFrames.insert(false);
        ByteBuffer direct = ByteBuffer.allocateDirect(frame.length);
        direct.put(frame).flip();
        assertThat(((InsertMessage) decoder.decode(direct, 1L)).newTuple().text(0)).isEqualTo("1");
        assertThat(direct.position()).isZero();
        ByteBuffer readOnly = ByteBuffer.wrap(frame).asReadOnlyBuffer();
        InsertMessage insert = (InsertMessage) decoder.decode(readOnly, 1L);
        assertThat(insert.newTuple().array()).isNotSameAs(frame);
        assertThat(insert.newTuple().copyBytes(3)).containsExactly(1, 2);
    }

    @Test
    void kindCodesAreUnique() {
        for (PgOutputMessage.Kind kind : PgOutputMessage.Kind.values()) {
            assertThat(PgOutputMessage.Kind.ofCode(kind.code())).isSameAs(kind);
        }
        assertThat(PgOutputMessage.Kind.ofCode('Z')).isNull();
    }
}
