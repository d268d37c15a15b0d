package io.neoncdc.postgres.pgoutput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** Every malformed input fails with a {@link PgOutputDecodeException} that says where and why. */
class PgOutputDecodeErrorTest {
    private static final long WAL_START = 0x16_B374_D848L;

    private static AbstractThrowableAssert<?, ? extends Throwable> assertFails(FrameBuilder frame) {
        return assertFails(frame.build());
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertFails(byte[] frame) {
        return assertThatThrownBy(
                        () -> new PgOutputDecoder().decode(ByteBuffer.wrap(frame), WAL_START))
                .isInstanceOf(PgOutputDecodeException.class)
                .hasMessageContaining("at LSN 16/B374D848");
    }

    @Test
    void messageNamesLsnOffsetAndWhatWasExpected() {
        Throwable e =
                catchThrowable(
                        () ->
                                new PgOutputDecoder()
                                        .decode(
                                                FrameBuilder.message('I')
                                                        .int32(42)
                                                        .int8('X')
                                                        .buffer(),
                                                WAL_START));
        assertThat(e)
                .isInstanceOf(PgOutputDecodeException.class)
                .hasMessage(
                        "Cannot decode pgoutput Insert message at LSN 16/B374D848, byte 5 of 6:"
                                + " unknown tuple kind 'X' (0x58), expected 'N'");
        assertThat(((PgOutputDecodeException) e).walStart()).isEqualTo(WAL_START);
        assertThat(((PgOutputDecodeException) e).offset()).isEqualTo(5);
    }

    @Test
    void unknownMessageKinds() {
        assertFails(new byte[0])
                .hasMessageContaining("byte 0 of 0: truncated: expected message type byte");
        assertFails(FrameBuilder.message('Z'))
                .hasMessageContaining("unknown message type 'Z' (0x5a)");
        assertFails(FrameBuilder.message((char) 0))
                .hasMessageContaining("unknown message type 0x00");
        assertFails(FrameBuilder.message((char) 0xFF))
                .hasMessageContaining("unknown message type 0xff");
        for (char twoPhase : new char[] {'b', 'P', 'K', 'r', 'p'}) {
            assertFails(FrameBuilder.message(twoPhase).int64(1))
                    .hasMessageContaining("two_phase option is not supported");
        }
    }

    @Test
    void unknownTupleKinds() {
        assertFails(FrameBuilder.message('U').int32(1).int8('X').tuple("1"))
                .hasMessageContaining("Update message")
                .hasMessageContaining("unknown tuple kind 'X' (0x58), expected 'K', 'O' or 'N'");
        assertFails(FrameBuilder.message('U').int32(1).int8('K').tuple("1").int8('O').tuple("2"))
                .hasMessageContaining(
                        "unknown tuple kind 'O' (0x4f) after the old tuple, expected 'N'");
        assertFails(FrameBuilder.message('D').int32(1).int8('N').tuple("1"))
                .hasMessageContaining("Delete message")
                .hasMessageContaining("unknown tuple kind 'N' (0x4e), expected 'K' or 'O'");
    }

    @Test
    void unknownColumnKind() {
        byte[] frame = FrameBuilder.message('I').int32(1).int8('N').tuple("1", "2").build();
        frame[14] = (byte) 'x';
        assertFails(frame)
                .hasMessageContaining("byte 14 of")
                .hasMessageContaining(
                        "unknown column kind 'x' (0x78) of column 1, expected 'n', 'u', 't' or"
                                + " 'b'");
    }

    @Test
    void unknownFlagsAndOptions() {
        assertFails(FrameBuilder.message('R').int32(1).string("s").string("t").int8('x').int16(0))
                .hasMessageContaining(
                        "unknown replica identity 'x' (0x78), expected 'd', 'n', 'f' or 'i'");
        assertFails(
                        FrameBuilder.message('R')
                                .int32(1)
                                .string("s")
                                .string("t")
                                .int8('d')
                                .int16(1)
                                .int8(2)
                                .string("c")
                                .int32(23)
                                .int32(-1))
                .hasMessageContaining("unknown column flags 2");
        assertFails(FrameBuilder.message('T').int32(1).int8(4).int32(1))
                .hasMessageContaining("unknown truncate options 4");
        assertFails(FrameBuilder.message('M').int8(2).int64(1).string("p").int32(0))
                .hasMessageContaining("unknown flags 2");
        assertFails(FrameBuilder.message('S').int32(1).int8(2))
                .hasMessageContaining("first segment flag is 2");
    }

    @Test
    void badLengths() {
        assertFails(FrameBuilder.message('I').int32(1).int8('N').int16(1).int8('t').int32(-1))
                .hasMessageContaining("negative length -1 of column value");
        assertFails(
                        FrameBuilder.message('I')
                                .int32(1)
                                .int8('N')
                                .int16(1)
                                .int8('b')
                                .int32(Integer.MAX_VALUE)
                                .int8(1))
                .hasMessageContaining(
                        "byte 9 of 14: length 2147483647 of column value exceeds the 1 bytes"
                                + " remaining");
        assertFails(FrameBuilder.message('I').int32(1).int8('N').int16(-1))
                .hasMessageContaining("negative TupleData column count -1");
        assertFails(FrameBuilder.message('I').int32(1).int8('N').int16(32_767).int8('n'))
                .hasMessageContaining(
                        "TupleData column count 32767 needs at least 32767 bytes but only 1"
                                + " remain");
        assertFails(
                        FrameBuilder.message('R')
                                .int32(1)
                                .string("s")
                                .string("t")
                                .int8('d')
                                .int16(2)
                                .int8(0)
                                .string("c")
                                .int32(23)
                                .int32(-1))
                .hasMessageContaining("column count 2 needs at least 20 bytes");
        assertFails(FrameBuilder.message('T').int32(Integer.MAX_VALUE).int8(0).int32(1))
                .hasMessageContaining(
                        "number of relations 2147483647 needs at least 8589934588 bytes");
        assertFails(FrameBuilder.message('T').int32(-5).int8(0))
                .hasMessageContaining("negative number of relations -5");
        assertFails(FrameBuilder.message('M').int8(0).int64(1).string("p").int32(Integer.MAX_VALUE))
                .hasMessageContaining("length 2147483647 of content exceeds the 0 bytes remaining");
    }

    @Test
    void nonTerminatedString() {
        assertFails(FrameBuilder.message('O').int64(1).bytes("abc".getBytes()))
                .hasMessageContaining(
                        "byte 9 of 12: expected origin name (a NUL-terminated string)");
    }

    @Test
    void trailingBytes() {
        assertFails(FrameBuilder.message('I').int32(1).int8('N').tuple("1").int8(0))
                .hasMessageContaining("expected the end of the message but 1 bytes remain");
        assertFails(FrameBuilder.message('A').int32(1).int32(1).int64(0))
                .hasMessageContaining(
                        "truncated: expected abort timestamp (8 bytes) but only 0 remain");
    }

    /**
     * Every proper prefix of every valid frame fails cleanly; the only exception is the 9-byte
     * prefix of a protocol 4 Stream Abort, which is the complete protocol 2 form.
     */
    @Test
    void truncatedAtEveryPosition() {
        int checked = 0;
        for (HandBuiltFrames.Sample sample : HandBuiltFrames.all()) {
            assertThat(HandBuiltFrames.decoderFor(sample).decode(ByteBuffer.wrap(sample.frame), 1L))
                    .as(sample.name)
                    .isNotNull();
            for (int length = 0; length < sample.frame.length; length++) {
                byte[] prefix = Arrays.copyOf(sample.frame, length);
                PgOutputDecoder decoder = HandBuiltFrames.decoderFor(sample);
                assertThatThrownBy(() -> decoder.decode(ByteBuffer.wrap(prefix), 1L))
                        .as("%s truncated to %d bytes", sample.name, length)
                        .isInstanceOf(PgOutputDecodeException.class)
                        .hasMessageContaining("at LSN 0/1, byte ");
                checked++;
            }
        }
        byte[] parallelAbort =
                FrameBuilder.message('A').uint32(5).uint32(6).int64(0x10).int64(0).build();
        for (int length = 0; length < parallelAbort.length; length++) {
            byte[] prefix = Arrays.copyOf(parallelAbort, length);
            if (length == 9) {
                assertThat(new PgOutputDecoder().decode(ByteBuffer.wrap(prefix), 1L))
                        .isInstanceOf(StreamAbortMessage.class);
            } else {
                assertThatThrownBy(() -> new PgOutputDecoder().decode(ByteBuffer.wrap(prefix), 1L))
                        .isInstanceOf(PgOutputDecodeException.class);
            }
        }
        assertThat(checked).isGreaterThan(300);
    }
}
