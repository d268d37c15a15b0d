package io.neoncdc.postgres.pgoutput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing: random bytes and mutations of valid hand-built and captured frames either decode
 * or fail with {@link PgOutputDecodeException}; never another exception, a hang or a huge
 * allocation.
 */
class PgOutputDecoderFuzzTest {
    private static final long SEED = 0x5EED_C0DEL;
    private static final int ITERATIONS = 300_000;
    private static final byte[] KIND_CODES = "BCORYIUDTMSEcAbPKrpNKOntub".getBytes();
    private static final int[] INTERESTING = {
        0,
        1,
        -1,
        2,
        0x7F,
        0x80,
        0xFF,
        0x7FFF,
        0x8000,
        0xFFFF,
        Integer.MAX_VALUE,
        Integer.MIN_VALUE,
        0x7FFF_FFF0,
        1 << 20
    };

    /** A valid frame and whether it must be decoded inside a stream block. */
    private static final class Seed {
        final byte[] frame;
        final boolean streamed;

        Seed(byte[] frame, boolean streamed) {
            this.frame = frame;
            this.streamed = streamed;
        }
    }

    @Test
    void mutatedFramesDecodeOrFailCleanly() {
        List<Seed> seeds = seeds();
        assertTimeoutPreemptively(
                Duration.ofSeconds(60),
                () -> {
                    Random random = new Random(SEED);
                    int decoded = 0;
                    for (int i = 0; i < ITERATIONS; i++) {
                        Seed seed = seeds.get(random.nextInt(seeds.size()));
                        byte[] input =
                                i % 10 == 0 ? randomBytes(random) : mutate(seed.frame, random);
                        boolean streamed = i % 10 == 0 ? random.nextBoolean() : seed.streamed;
                        if (decodeOnce(input, streamed, i)) {
                            decoded++;
                        }
                    }
                    // Mutations must also leave some frames valid, or the fuzzing is too crude.
                    assertThat(decoded).isBetween(ITERATIONS / 100, ITERATIONS - ITERATIONS / 10);
                });
    }

    /** One decoder fed a long sequence of mutated frames: state changes never break it. */
    @Test
    void oneDecoderSurvivesAMutatedSequence() {
        List<Seed> seeds = seeds();
        assertTimeoutPreemptively(
                Duration.ofSeconds(30),
                () -> {
                    Random random = new Random(SEED + 1);
                    PgOutputDecoder decoder = new PgOutputDecoder();
                    for (int i = 0; i < 50_000; i++) {
                        byte[] frame = seeds.get(random.nextInt(seeds.size())).frame;
                        byte[] input = random.nextInt(4) == 0 ? mutate(frame, random) : frame;
                        try {
                            checkInvariants(decoder.decode(ByteBuffer.wrap(input), i));
                        } catch (PgOutputDecodeException expected) {
                            assertThat(expected.getMessage()).contains("at LSN ");
                        } catch (RuntimeException | Error e) {
                            throw new AssertionError("Iteration " + i + ": " + hex(input), e);
                        }
                    }
                });
    }

    private static boolean decodeOnce(byte[] input, boolean streamed, int iteration) {
        PgOutputDecoder decoder = new PgOutputDecoder();
        if (streamed) {
            decoder.decode(ByteBuffer.wrap(HandBuiltFrames.streamStart()), 1L);
        }
        // Sometimes decode from a slice of a larger array, to exercise absolute offsets.
        ByteBuffer buffer;
        if (iteration % 3 == 0) {
            byte[] padded = new byte[input.length + 8];
            Arrays.fill(padded, (byte) 0x55);
            System.arraycopy(input, 0, padded, 3, input.length);
            buffer = ByteBuffer.wrap(padded, 3, input.length).slice();
        } else {
            buffer = ByteBuffer.wrap(input);
        }
        try {
            checkInvariants(decoder.decode(buffer, iteration));
            return true;
        } catch (PgOutputDecodeException expected) {
            assertThat(expected.getMessage()).contains("at LSN ", ", byte ");
            assertThat(expected.offset()).isBetween(0, input.length);
            return false;
        } catch (RuntimeException | Error e) {
            throw new AssertionError(
                    "Iteration " + iteration + " (streamed " + streamed + "): " + hex(input), e);
        }
    }

    /** Every decoded value lies inside the array, and toString works on every message. */
    private static void checkInvariants(PgOutputMessage message) {
        assertThat(message).isNotNull();
        assertThat(message.toString()).isNotEmpty();
        if (message instanceof InsertMessage) {
            checkTuple(((InsertMessage) message).newTuple());
        } else if (message instanceof UpdateMessage) {
            UpdateMessage update = (UpdateMessage) message;
            if (update.oldTuple() != null) {
                checkTuple(update.oldTuple());
            }
            checkTuple(update.newTuple());
        } else if (message instanceof DeleteMessage) {
            checkTuple(((DeleteMessage) message).oldTuple());
        }
    }

    private static void checkTuple(TupleData tuple) {
        for (int c = 0; c < tuple.size(); c++) {
            if (tuple.length(c) >= 0) {
                assertThat(tuple.offset(c)).isNotNegative();
                assertThat((long) tuple.offset(c) + tuple.length(c))
                        .isLessThanOrEqualTo(tuple.array().length);
            }
        }
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(48)];
        random.nextBytes(bytes);
        if (bytes.length > 0 && random.nextBoolean()) {
            bytes[0] = KIND_CODES[random.nextInt(KIND_CODES.length)];
        }
        return bytes;
    }

    private static byte[] mutate(byte[] frame, Random random) {
        byte[] bytes = frame.clone();
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations && bytes.length > 0; m++) {
            switch (random.nextInt(6)) {
                case 0: // bit flip
                    int bit = random.nextInt(bytes.length * 8);
                    bytes[bit / 8] ^= (byte) (1 << (bit % 8));
                    break;
                case 1: // truncation
                    bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
                    break;
                case 2: // length or count field corruption: an interesting Int32 or Int16
                    int value = INTERESTING[random.nextInt(INTERESTING.length)];
                    int width = random.nextBoolean() ? 4 : 2;
                    int at = random.nextInt(bytes.length);
                    for (int b = 0; b < width && at + b < bytes.length; b++) {
                        bytes[at + b] = (byte) (value >>> (8 * (width - 1 - b)));
                    }
                    break;
                case 3: // a random byte, often a kind code
                    bytes[random.nextInt(bytes.length)] =
                            random.nextBoolean()
                                    ? KIND_CODES[random.nextInt(KIND_CODES.length)]
                                    : (byte) random.nextInt(256);
                    break;
                case 4: // delete a byte
                    int del = random.nextInt(bytes.length);
                    byte[] shorter = new byte[bytes.length - 1];
                    System.arraycopy(bytes, 0, shorter, 0, del);
                    System.arraycopy(bytes, del + 1, shorter, del, bytes.length - del - 1);
                    bytes = shorter;
                    break;
                default: // insert a byte
                    int ins = random.nextInt(bytes.length + 1);
                    byte[] longer = new byte[bytes.length + 1];
                    System.arraycopy(bytes, 0, longer, 0, ins);
                    longer[ins] = (byte) random.nextInt(256);
                    System.arraycopy(bytes, ins, longer, ins + 1, bytes.length - ins);
                    bytes = longer;
            }
        }
        return bytes;
    }

    /** Hand-built samples plus every distinct message shape from the captures. */
    private static List<Seed> seeds() {
        List<Seed> seeds = new ArrayList<>();
        for (HandBuiltFrames.Sample sample : HandBuiltFrames.all()) {
            seeds.add(new Seed(sample.frame, sample.streamed));
        }
        for (String capture : CapturedFrames.ALL) {
            PgOutputDecoder decoder = new PgOutputDecoder();
            int inserts = 0;
            for (CapturedFrames.Frame frame : CapturedFrames.load(capture)) {
                boolean streamed = decoder.inStreamBlock();
                decoder.decode(frame.buffer(), frame.walStart);
                // Keep the corpus small: a handful of the many similar streamed inserts.
                if (frame.bytes[0] == 'I' && ++inserts > 20) {
                    continue;
                }
                seeds.add(new Seed(frame.bytes, streamed));
            }
        }
        return seeds;
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(String.format("%02x", b & 0xFF));
        }
        return sb.toString();
    }
}
