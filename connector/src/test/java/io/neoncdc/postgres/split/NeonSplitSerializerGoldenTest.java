package io.neoncdc.postgres.split;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Splits checkpointed by version 1 of {@link NeonSplitSerializer} still restore: the bytes in
 * {@code serializer/split-*-v1.bin} ({@link GoldenFiles} says how to regenerate them).
 */
class NeonSplitSerializerGoldenTest {
    private static final NeonSplitSerializer SERIALIZER = NeonSplitSerializer.INSTANCE;

    /** A partly emitted chunk with composite bounds, a null bound element and an exported id. */
    static SnapshotSplit goldenSnapshotSplit() {
        ChunkBounds bounds =
                new ChunkBounds(
                        SplitFixtures.ORDERS,
                        List.of("tenant", "id"),
                        new String[] {"acme", "100"},
                        new String[] {"\u00e9t\u00e9", null});
        return new SnapshotSplit(
                7,
                bounds,
                "00000003-0000001B-1",
                new SnapshotSplit.ReadChunk(
                        VisibilitySnapshot.parse("100:105:100,103"),
                        0x16B3748L,
                        42,
                        "ROW<`tenant` VARCHAR(2147483647), `id` BIGINT NOT NULL>",
                        2,
                        new byte[] {1, 2, 3, 4, 5, 6, 7, 8}));
    }

    /** A stream resumed inside a transaction, filtering by two chunk snapshots. */
    static StreamSplit goldenStreamSplit() {
        return SplitFixtures.stream(
                0x2000,
                0x2400,
                17,
                List.of(
                        SplitFixtures.finished(0, null, 100L, "10:20:12,15", 0x1800),
                        SplitFixtures.finished(1, 100L, null, "11:21:", 0x1900)));
    }

    @Test
    void version1SnapshotSplitStillRestores() throws IOException {
        assertReadsVersion1("split-snapshot-v1.bin", goldenSnapshotSplit());
    }

    @Test
    void version1StreamSplitStillRestores() throws IOException {
        assertReadsVersion1("split-stream-v1.bin", goldenStreamSplit());
    }

    private static void assertReadsVersion1(String file, NeonSplit expected) throws IOException {
        byte[] current = SERIALIZER.serialize(expected);
        byte[] golden = GoldenFiles.load(file, 1, SERIALIZER.getVersion(), current);
        assertThat(SERIALIZER.deserialize(1, golden))
                .usingRecursiveComparison()
                .isEqualTo(expected);
        if (SERIALIZER.getVersion() == 1) {
            // Still writing version 1: its format must not change without a version bump.
            assertThat(current).as("version 1 bytes of %s", file).isEqualTo(golden);
        }
    }
}
