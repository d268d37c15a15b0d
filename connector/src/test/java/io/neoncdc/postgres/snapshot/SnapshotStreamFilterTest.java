package io.neoncdc.postgres.snapshot;

import static io.neoncdc.postgres.snapshot.FilterFixtures.describe;
import static io.neoncdc.postgres.snapshot.FilterFixtures.keys;
import static io.neoncdc.postgres.snapshot.FilterFixtures.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.event.ChangeEvent;
import io.neoncdc.postgres.event.Op;
import io.neoncdc.postgres.schema.CapturedTable;
import io.neoncdc.postgres.split.ChunkBounds;
import io.neoncdc.postgres.split.FinishedChunk;
import io.neoncdc.postgres.split.SnapshotSplit;
import io.neoncdc.postgres.split.SplitFixtures;
import io.neoncdc.postgres.split.VisibilitySnapshot;
import java.sql.Connection;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SnapshotStreamFilter} emits a change iff the snapshot of the chunk holding its key did not
 * see its transaction (DESIGN §4), for a bigint key placed in Java.
 *
 * <p>Chunks: {@code [-inf,100)} under {@code 100:110:105}, {@code [100,200)} under {@code
 * 100:120:105,112}, {@code [200,+inf)} under {@code 100:130:}. So xid 50 is seen by all, 130 by
 * none; 105 and 112 only by the last chunk; 115 by the last two.
 */
class SnapshotStreamFilterTest {
    private static final TableId ORDERS = SplitFixtures.ORDERS;
    private static final long MAX_WAL = 0x3000;
    private static final Supplier<Connection> NO_DATABASE =
            () -> {
                throw new AssertionError("bigint keys are placed without a database");
            };

    private CapturedTable table;
    private SnapshotStreamFilter filter;

    @BeforeEach
    void setUp() {
        table = FilterFixtures.table(ORDERS, FilterFixtures.INT8, false);
        filter =
                new SnapshotStreamFilter(
                        List.of(
                                // Deliberately out of key order: the filter sorts by chunk index.
                                SplitFixtures.finished(2, 200L, null, "100:130:", MAX_WAL),
                                SplitFixtures.finished(0, null, 100L, "100:110:105", 0x1000),
                                SplitFixtures.finished(1, 100L, 200L, "100:120:105,112", 0x2000)),
                        NO_DATABASE);
    }

    @Test
    void insertSeenByAllNoneOrSomeSnapshots() {
        assertThat(insert(50, 1)).as("seen by all").isEmpty();
        assertThat(insert(130, 1)).containsExactly("INSERT 1");
        assertThat(insert(105, 50)).as("chunk 0 did not see it").containsExactly("INSERT 50");
        assertThat(insert(105, 150)).as("chunk 1 had it running").containsExactly("INSERT 150");
        assertThat(insert(105, 250)).as("chunk 2 saw it").isEmpty();
        assertThat(insert(115, 100)).as("key equal to chunk 1's lower bound").isEmpty();
        assertThat(insert(115, 99)).containsExactly("INSERT 99");
        assertThat(insert(112, 199)).containsExactly("INSERT 199");
        assertThat(insert(112, 200)).isEmpty();
    }

    @Test
    void deleteSeenByAllNoneOrSomeSnapshots() {
        assertThat(delete(50, 150)).isEmpty();
        assertThat(delete(131, 150)).containsExactly("DELETE 150");
        assertThat(delete(115, 50)).containsExactly("DELETE 50");
        assertThat(delete(115, 150)).isEmpty();
    }

    @Test
    void updateWithinOneChunk() {
        assertThat(update(50, 150, 150)).isEmpty();
        assertThat(update(130, 150, 150)).containsExactly("UPDATE 150");
        assertThat(update(112, 150, 150)).containsExactly("UPDATE 150");
        assertThat(update(112, 250, 250)).isEmpty();
    }

    @Test
    void updateMovingAKeyBetweenChunksIsADeletePlusAnInsert() {
        assertThat(update(115, 50, 150))
                .as("old chunk missed it, new chunk has the new row")
                .containsExactly("DELETE 50");
        assertThat(update(115, 150, 50))
                .as("old chunk no longer has the row, new chunk missed it")
                .containsExactly("INSERT 50");
        assertThat(update(105, 50, 150)).as("neither saw it").containsExactly("UPDATE 150");
        assertThat(update(115, 150, 250)).as("both saw it").isEmpty();
    }

    @Test
    void splitPartsCarryTheirRowImagesAndTransaction() {
        List<ChangeEvent> events =
                filter.apply(table, Op.UPDATE, row(150), row(50), keys(150, 50), 0x2800, 7, 115);
        assertThat(events).hasSize(1);
        ChangeEvent insert = events.get(0);
        assertThat(insert.before()).isNull();
        assertThat(insert.after()).isEqualTo(row(50));
        assertThat(insert.commitLsn()).isEqualTo(0x2800);
        assertThat(insert.commitTimeMicros()).isEqualTo(7);
        assertThat(insert.xid()).isEqualTo(115);
        assertThat(insert.table()).isSameAs(table.schema());
    }

    @Test
    void commitAtOrAfterTheLastSnapshotPassesAndDropsTheTablesFilter() {
        assertThat(insert(50, 1, MAX_WAL - 1)).isEmpty();
        assertThat(insert(50, 1, MAX_WAL)).as("committed after every snapshot").hasSize(1);
        // The filter of the table is gone: even an (impossible) earlier commit passes now.
        assertThat(insert(50, 1, 0x10)).hasSize(1);
    }

    @Test
    void tablesWithoutChunksPassUnfiltered() {
        CapturedTable other =
                FilterFixtures.table(new TableId("public", "other"), FilterFixtures.INT8, false);
        assertThat(filter.apply(other, Op.INSERT, null, row(1), keys(1, 1), 0x10, 0, 50))
                .hasSize(1);
    }

    @Test
    void aPlannedChunkHidesEveryChangeButARestoredPartlyEmittedOneUsesItsSnapshot() {
        SnapshotStreamFilter joining = new SnapshotStreamFilter(List.of(), NO_DATABASE);
        SnapshotSplit unread = SplitFixtures.chunk(0, null, 100L);
        SnapshotSplit partlyEmitted =
                new SnapshotSplit(
                        1,
                        SplitFixtures.idBounds(ORDERS, 100L, null),
                        null,
                        new SnapshotSplit.ReadChunk(
                                VisibilitySnapshot.parse("100:120:"),
                                0x2000,
                                3,
                                "ROW<`id` BIGINT>",
                                0,
                                new byte[0]));
        joining.plan(List.of(unread, partlyEmitted));
        assertThat(
                        describe(
                                joining.apply(
                                        table, Op.INSERT, null, row(5), keys(5, 5), 0x10, 0, 500)))
                .as("the unread chunk's later read has it")
                .isEmpty();
        assertThat(
                        describe(
                                joining.apply(
                                        table,
                                        Op.INSERT,
                                        null,
                                        row(150),
                                        keys(150, 150),
                                        0x10,
                                        0,
                                        115)))
                .as("the restored rows were read under 100:120:, which saw 115")
                .isEmpty();
        assertThat(
                        describe(
                                joining.apply(
                                        table,
                                        Op.INSERT,
                                        null,
                                        row(150),
                                        keys(150, 150),
                                        0x10,
                                        0,
                                        125)))
                .as("... and did not see 125")
                .containsExactly("INSERT 150");
    }

    @Test
    void linguisticTextKeysAskPostgresOnlyWhenTheSnapshotsDisagree() {
        CapturedTable icu = FilterFixtures.table(ORDERS, FilterFixtures.TEXT, false);
        int[] asked = {0};
        SnapshotStreamFilter textFilter =
                new SnapshotStreamFilter(
                        List.of(
                                textChunk(0, null, "m", "100:110:"),
                                textChunk(1, "m", null, "100:120:")),
                        () -> {
                            asked[0]++;
                            throw new IllegalStateException("no database here");
                        });
        assertThat(textFilter.apply(icu, Op.INSERT, null, row(1), keys("a", "a"), 0x10, 0, 50))
                .as("seen by all")
                .isEmpty();
        assertThat(textFilter.apply(icu, Op.INSERT, null, row(1), keys("a", "a"), 0x10, 0, 125))
                .as("seen by none")
                .hasSize(1);
        assertThat(asked[0]).isZero();
        assertThatThrownBy(
                        () ->
                                textFilter.apply(
                                        icu, Op.INSERT, null, row(1), keys("a", "a"), 0x10, 0, 115))
                .hasMessageContaining("no database here");
        assertThat(asked[0]).as("placed by PostgreSQL").isEqualTo(1);
    }

    private static FinishedChunk textChunk(int index, String lower, String upper, String snapshot) {
        return new FinishedChunk(
                SnapshotSplit.splitId(ORDERS, index),
                new ChunkBounds(
                        ORDERS,
                        List.of("id"),
                        lower == null ? null : new String[] {lower},
                        upper == null ? null : new String[] {upper}),
                VisibilitySnapshot.parse(snapshot),
                0x1000,
                1);
    }

    private List<String> insert(long xid, long key) {
        return insert(xid, key, 0x2800);
    }

    private List<String> insert(long xid, long key, long commitLsn) {
        return describe(
                filter.apply(table, Op.INSERT, null, row(key), keys(key, key), commitLsn, 0, xid));
    }

    private List<String> delete(long xid, long key) {
        return describe(
                filter.apply(table, Op.DELETE, row(key), null, keys(key, key), 0x2800, 0, xid));
    }

    private List<String> update(long xid, long oldKey, long newKey) {
        return describe(
                filter.apply(
                        table,
                        Op.UPDATE,
                        row(oldKey),
                        row(newKey),
                        keys(oldKey, newKey),
                        0x2800,
                        0,
                        xid));
    }
}
