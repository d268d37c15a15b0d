package io.neoncdc.postgres.pgoutput;

import java.util.List;

/**
 * A valid hand-built frame of every message kind and variant, shared by the truncation and fuzz
 * tests; {@code streamed} frames must be decoded inside a stream block.
 */
final class HandBuiltFrames {
    static final long STREAM_XID = 4_000_000_001L;

    private HandBuiltFrames() {}

    /** One named frame, with whether it belongs inside a stream block. */
    static final class Sample {
        final String name;
        final boolean streamed;
        final byte[] frame;

        Sample(String name, boolean streamed, byte[] frame) {
            this.name = name;
            this.streamed = streamed;
            this.frame = frame;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static byte[] streamStart() {
        return FrameBuilder.message('S').uint32(STREAM_XID).int8(1).build();
    }

    /** A decoder in the state the sample needs (a stream block opened for streamed samples). */
    static PgOutputDecoder decoderFor(Sample sample) {
        PgOutputDecoder decoder = new PgOutputDecoder();
        if (sample.streamed) {
            decoder.decode(java.nio.ByteBuffer.wrap(streamStart()), 1L);
        }
        return decoder;
    }

    static List<Sample> all() {
        return List.of(
                new Sample("begin", false, begin()),
                new Sample("commit", false, commit()),
                new Sample("origin", false, origin()),
                new Sample("relation", false, relation(false)),
                new Sample("relation streamed", true, relation(true)),
                new Sample(
                        "type",
                        false,
                        FrameBuilder.message('Y')
                                .int32(16_385)
                                .string("public")
                                .string("mood")
                                .build()),
                new Sample("insert", false, insert(false)),
                new Sample("insert streamed", true, insert(true)),
                new Sample("update K", false, update('K')),
                new Sample("update O", false, update('O')),
                new Sample("update", false, update((char) 0)),
                new Sample("delete K", false, delete('K')),
                new Sample(
                        "delete O streamed",
                        true,
                        FrameBuilder.message('D')
                                .uint32(STREAM_XID)
                                .int32(42)
                                .int8('O')
                                .tuple("1", null)
                                .build()),
                new Sample(
                        "truncate",
                        false,
                        FrameBuilder.message('T').int32(2).int8(3).int32(42).int32(43).build()),
                new Sample("message", false, message()),
                new Sample("stream start", false, streamStart()),
                new Sample("stream stop", true, FrameBuilder.message('E').build()),
                new Sample(
                        "message streamed",
                        true,
                        FrameBuilder.message('M')
                                .uint32(STREAM_XID)
                                .int8(0)
                                .int64(1)
                                .string("")
                                .int32(1)
                                .int8(7)
                                .build()),
                new Sample(
                        "truncate streamed",
                        true,
                        FrameBuilder.message('T')
                                .uint32(STREAM_XID)
                                .int32(1)
                                .int8(0)
                                .int32(42)
                                .build()),
                new Sample(
                        "stream commit",
                        false,
                        FrameBuilder.message('c')
                                .uint32(STREAM_XID)
                                .int8(0)
                                .int64(0x100L)
                                .int64(0x180L)
                                .int64(1_000L)
                                .build()),
                new Sample(
                        "stream abort",
                        false,
                        FrameBuilder.message('A')
                                .uint32(STREAM_XID)
                                .uint32(STREAM_XID + 1)
                                .build()));
    }

    static byte[] begin() {
        return FrameBuilder.message('B')
                .int64(0x16_B374_D848L)
                .int64(1_000_000L)
                .uint32(0xFFFF_FFFEL)
                .build();
    }

    static byte[] commit() {
        return FrameBuilder.message('C')
                .int8(0)
                .int64(0x16_B374_D848L)
                .int64(0x16_B374_D878L)
                .int64(1_000_000L)
                .build();
    }

    static byte[] origin() {
        return FrameBuilder.message('O').int64(0x1_0000_0000L).string("origin-ä").build();
    }

    static byte[] relation(boolean streamed) {
        FrameBuilder b = FrameBuilder.message('R');
        if (streamed) {
            b.uint32(STREAM_XID);
        }
        return b.int32(42)
                .string("public")
                .string("bücher")
                .int8('d')
                .int16(2)
                .int8(1)
                .string("id")
                .int32(23)
                .int32(-1)
                .int8(0)
                .string("títel")
                .int32(1043)
                .int32(68)
                .build();
    }

    static byte[] insert(boolean streamed) {
        FrameBuilder b = FrameBuilder.message('I');
        if (streamed) {
            b.uint32(STREAM_XID);
        }
        return b.int32(42)
                .int8('N')
                .tuple("1", null, FrameBuilder.UNCHANGED, new byte[] {1, 2})
                .build();
    }

    static byte[] update(char oldKind) {
        FrameBuilder b = FrameBuilder.message('U').int32(42);
        if (oldKind != 0) {
            b.int8(oldKind).tuple("1", oldKind == 'K' ? null : "old");
        }
        return b.int8('N').tuple("2", "new").build();
    }

    static byte[] delete(char oldKind) {
        return FrameBuilder.message('D').int32(42).int8(oldKind).tuple("1", null).build();
    }

    static byte[] message() {
        return FrameBuilder.message('M')
                .int8(1)
                .int64(0x200L)
                .string("prefix")
                .int32(3)
                .bytes(new byte[] {'a', 0, 'b'})
                .build();
    }
}
