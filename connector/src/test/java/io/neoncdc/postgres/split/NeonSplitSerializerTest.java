package io.neoncdc.postgres.split;

import static io.neoncdc.postgres.split.SplitFixtures.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.neoncdc.postgres.catalog.TableId;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link NeonSplitSerializer} round-trips every shape of both split kinds and rejects junk. */
class NeonSplitSerializerTest {
    private static final NeonSplitSerializer SERIALIZER = NeonSplitSerializer.INSTANCE;

    @Test
    void unreadChunkWithOpenAndClosedBounds() throws IOException {
        assertRoundTrip(SplitFixtures.chunk(0, null, 1000L));
        assertRoundTrip(SplitFixtures.chunk(7, 1000L, 2000L));
        assertRoundTrip(SplitFixtures.chunk(9999, 2000L, null));
        assertRoundTrip(SplitFixtures.chunk(3, null, null));
        assertThat(roundTrip(SplitFixtures.chunk(7, 1000L, 2000L)).splitId())
                .isEqualTo("public.orders:chunk-0007");
    }

    @Test
    void readChunkWithPendingRows() throws IOException {
        byte[] rows = new byte[70_000];
        Arrays.fill(rows, (byte) 0xA5);
        SnapshotSplit.ReadChunk read =
                new SnapshotSplit.ReadChunk(
                        VisibilitySnapshot.parse("100:105:100,103"),
                        0x16B3748L,
                        12_345,
                        "ROW<`id` BIGINT NOT NULL, `name` VARCHAR(2147483647)>",
                        3,
                        rows);
        SnapshotSplit split = SplitFixtures.chunk(2, 10L, 20L).withReadChunk(read);
        SnapshotSplit back = assertRoundTrip(split);
        assertThat(back.readChunk().pendingRows()).isEqualTo(rows);
        assertThat(back.readChunk().snapshot().xip()).containsExactly(100, 103);
    }

    @Test
    void readChunkWithoutPendingRowsOrRowType() throws IOException {
        SnapshotSplit.ReadChunk read =
                new SnapshotSplit.ReadChunk(
                        VisibilitySnapshot.parse("7:7:"), 1, 0, null, 0, new byte[0]);
        assertRoundTrip(SplitFixtures.chunk(0, null, null).withReadChunk(read));
    }

    @Test
    void keylessChunkUnderAnExportedSnapshot() throws IOException {
        ChunkBounds ctid =
                new ChunkBounds(ORDERS, List.of(ChunkBounds.CTID), new String[] {"(0,0)"}, null);
        assertRoundTrip(new SnapshotSplit(1, ctid, "00000003-0000001B-1", null));
        assertRoundTrip(
                new SnapshotSplit(0, new ChunkBounds(ORDERS, List.of(), null, null), null, null));
    }

    @Test
    void compositeBoundsWithNullElements() throws IOException {
        ChunkBounds bounds =
                new ChunkBounds(
                        ORDERS,
                        List.of("tenant", "id"),
                        new String[] {"acme", null},
                        new String[] {null, ""});
        SnapshotSplit back = assertRoundTrip(new SnapshotSplit(4, bounds, null, null));
        assertThat(back.bounds().lower()).containsExactly("acme", null);
        assertThat(back.bounds().upper()).containsExactly(null, "");
    }

    @Test
    void keysLongerThan64KilobytesAndUnicode() throws IOException {
        String longKey = "k".repeat(70_000) + "\u00e9\u4e2d\uD83D\uDE00";
        TableId table = new TableId("sch\u00e9ma", "t\u00e4ble \"\uD83D\uDE00\"");
        ChunkBounds bounds =
                new ChunkBounds(
                        table,
                        List.of("n\u00e4me"),
                        new String[] {longKey},
                        new String[] {"\uFFFD"});
        SnapshotSplit back =
                assertRoundTrip(new SnapshotSplit(0, bounds, "snap-\u00e9".repeat(20_000), null));
        assertThat(back.bounds().lower()[0]).isEqualTo(longKey);
        assertThat(back.table()).isEqualTo(table);
    }

    @Test
    void streamSplitWithAndWithoutFinishedChunks() throws IOException {
        assertRoundTrip(SplitFixtures.stream(0x1000, 0, 0, List.of()));
        StreamSplit withChunks =
                SplitFixtures.stream(
                        0x2000,
                        0x2400,
                        17,
                        List.of(
                                SplitFixtures.finished(0, null, 100L, "10:20:12,15", 0x1800),
                                SplitFixtures.finished(1, 100L, null, "11:21:", 0x1900),
                                SplitFixtures.finished(
                                        new TableId("s", "other"), 0, null, null, "9:9:", 0x1700)));
        StreamSplit back = assertRoundTrip(withChunks);
        assertThat(back.splitId()).isEqualTo(StreamSplit.ID);
        assertThat(back.chunks()).hasSize(3);
    }

    @Test
    void streamSplitWithPendingChunksOfAddedTables() throws IOException {
        SnapshotSplit.ReadChunk head =
                new SnapshotSplit.ReadChunk(
                        VisibilitySnapshot.parse("40:44:41"),
                        0x3000,
                        5,
                        null,
                        2,
                        new byte[] {1, 2});
        StreamSplit split =
                new StreamSplit(
                        0x3100,
                        0,
                        0,
                        List.of(SplitFixtures.finished(0, null, null, "9:9:", 0x1700)),
                        Long.MAX_VALUE,
                        List.of(
                                SplitFixtures.chunk(0, null, 10L).withReadChunk(head),
                                SplitFixtures.chunk(1, 10L, null)),
                        java.util.Set.of(ORDERS, new TableId("s", "added")));
        StreamSplit back = assertRoundTrip(split);
        assertThat(back.pendingChunks()).hasSize(2);
        assertThat(back.pendingChunks().get(0).readChunk().pendingCount()).isEqualTo(2);
        assertThat(back.knownTables()).containsExactlyInAnyOrder(ORDERS, new TableId("s", "added"));
        assertThat(assertRoundTrip(SplitFixtures.stream(0x1000, 0, 0, List.of())).knownTables())
                .as("no known tables: discovery has not run")
                .isNull();
    }

    @Test
    void streamSplitWithReSnapshotChunksAndConditions() throws IOException {
        SnapshotSplit.ReadChunk head =
                new SnapshotSplit.ReadChunk(
                        VisibilitySnapshot.parse("50:52:"), 0x4000, 3, null, 1, new byte[] {7});
        TableId items = new TableId("s", "items");
        ResyncChunks resync =
                new ResyncChunks(
                        List.of(
                                SplitFixtures.chunk(0, null, 10L).withReadChunk(head),
                                SplitFixtures.chunk(1, 10L, null)),
                        java.util.Map.of(ORDERS, "status <> 'x'", items, "id > 5"));
        StreamSplit split =
                new StreamSplit(
                        0x4100, 0, 0, List.of(), 0, List.of(), java.util.Set.of(ORDERS), resync);
        StreamSplit back = assertRoundTrip(split);
        assertThat(back.resync().chunks().get(0).readChunk().pendingCount()).isEqualTo(1);
        assertThat(back.resync().filter(ORDERS)).isEqualTo("status <> 'x'");
        assertThat(back.resync().filter(items)).isEqualTo("id > 5");
        assertThat(back.resync().tail().without(java.util.Set.of(ORDERS)).isEmpty()).isTrue();
    }

    @Test
    void unknownVersionAndKindFail() throws IOException {
        byte[] bytes = SERIALIZER.serialize(SplitFixtures.chunk(0, null, null));
        assertThatThrownBy(() -> SERIALIZER.deserialize(4, bytes))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version 4");
        assertThatThrownBy(() -> SERIALIZER.deserialize(0, bytes)).isInstanceOf(IOException.class);
        byte[] unknownKind = bytes.clone();
        unknownKind[0] = 3;
        assertThatThrownBy(() -> SERIALIZER.deserialize(1, unknownKind))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("kind 3");
        assertThatThrownBy(() -> SERIALIZER.deserialize(1, Arrays.copyOf(bytes, 5)))
                .isInstanceOf(IOException.class);
    }

    private static NeonSplit roundTrip(NeonSplit split) throws IOException {
        return SERIALIZER.deserialize(SERIALIZER.getVersion(), SERIALIZER.serialize(split));
    }

    @SuppressWarnings("unchecked")
    private static <S extends NeonSplit> S assertRoundTrip(S split) throws IOException {
        NeonSplit back = roundTrip(split);
        assertThat(back).usingRecursiveComparison().isEqualTo(split);
        assertThat(back.splitId()).isEqualTo(split.splitId());
        assertThat(back.toString()).isEqualTo(split.toString());
        return (S) back;
    }
}
