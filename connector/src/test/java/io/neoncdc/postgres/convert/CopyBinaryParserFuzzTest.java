package io.neoncdc.postgres.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of the COPY parser: random and mutated streams under random chunking end in rows
 * or a {@link CopyFormatException}, never another exception, a hang or a huge allocation.
 */
class CopyBinaryParserFuzzTest {
    private static final long SEED = 20261123L;

    @Test
    void mutatedStreamsOnlyFailWithCopyFormatException() {
        assertTimeoutPreemptively(
                Duration.ofSeconds(60),
                () -> {
                    Random random = new Random(SEED);
                    int failures = 0;
                    for (int i = 0; i < 20_000; i++) {
                        int fields = 1 + random.nextInt(4);
                        byte[] stream = mutate(validStream(random, fields), random);
                        failures += parseQuietly(CopyStream.randomSplit(stream, random), fields);
                    }
                    assertThat(failures).isGreaterThan(1000);
                });
    }

    @Test
    void randomBytesOnlyFailWithCopyFormatException() {
        assertTimeoutPreemptively(
                Duration.ofSeconds(60),
                () -> {
                    Random random = new Random(SEED + 1);
                    for (int i = 0; i < 20_000; i++) {
                        byte[] stream = new byte[random.nextInt(200)];
                        random.nextBytes(stream);
                        if (random.nextBoolean() && stream.length >= 19) {
                            System.arraycopy(CopyStream.SIGNATURE, 0, stream, 0, 11);
                            stream[11] = stream[12] = stream[13] = stream[14] = 0;
                        }
                        assertThat(parseQuietly(CopyStream.randomSplit(stream, random), 2))
                                .isEqualTo(1);
                    }
                });
    }

    /** 0 when the stream parsed, 1 when it failed with CopyFormatException; rethrows others. */
    private static int parseQuietly(List<byte[]> chunks, int fields) throws IOException {
        CopyBinaryParser parser = new CopyBinaryParser(CopyStream.source(chunks), fields);
        try {
            while (parser.nextRow()) {
                for (int f = 0; f < fields; f++) {
                    if (!parser.isNull(f)) {
                        assertThat(parser.offset(f) + parser.length(f))
                                .isLessThanOrEqualTo(parser.array().length);
                    }
                }
            }
            return 0;
        } catch (CopyFormatException e) {
            assertThat(e.offset()).isBetween(0L, (long) total(chunks));
            return 1;
        }
    }

    private static int total(List<byte[]> chunks) {
        int n = 0;
        for (byte[] c : chunks) {
            n += c.length;
        }
        return n;
    }

    private static byte[] validStream(Random random, int fields) {
        CopyStream s = CopyStream.withHeader();
        int rows = random.nextInt(5);
        for (int r = 0; r < rows; r++) {
            byte[][] values = new byte[fields][];
            for (int f = 0; f < fields; f++) {
                if (random.nextInt(5) > 0) {
                    values[f] = new byte[random.nextInt(20)];
                    random.nextBytes(values[f]);
                }
            }
            s.row(values);
        }
        return s.trailer().bytes();
    }

    private static byte[] mutate(byte[] stream, Random random) {
        byte[] b = stream.clone();
        switch (random.nextInt(5)) {
            case 0: // flip a byte
                b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                return b;
            case 1: // truncate
                return java.util.Arrays.copyOf(b, random.nextInt(b.length));
            case 2: // huge or negative length where a length could be
                int at = 19 + random.nextInt(Math.max(1, b.length - 23));
                int v = random.nextBoolean() ? 0x3fff_fff0 : -2 - random.nextInt(1000);
                if (at + 4 <= b.length) {
                    b[at] = (byte) (v >>> 24);
                    b[at + 1] = (byte) (v >>> 16);
                    b[at + 2] = (byte) (v >>> 8);
                    b[at + 3] = (byte) v;
                }
                return b;
            case 3: // extend with garbage
                byte[] longer = java.util.Arrays.copyOf(b, b.length + 1 + random.nextInt(8));
                for (int i = b.length; i < longer.length; i++) {
                    longer[i] = (byte) random.nextInt(256);
                }
                return longer;
            default: // several flips
                for (int i = 0; i < 3; i++) {
                    b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                }
                return b;
        }
    }
}
