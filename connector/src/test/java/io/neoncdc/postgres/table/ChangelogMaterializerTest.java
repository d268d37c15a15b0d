package io.neoncdc.postgres.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.event.CapturedTableSchema;
import io.neoncdc.postgres.event.ChangeEvent;
import io.neoncdc.postgres.event.Op;
import io.neoncdc.postgres.event.UnchangedToast;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

/**
 * {@link KeyedChanges} into {@link ChangelogMaterializer}: key-only and missing old rows become
 * whole -U/-D from state, unchanged TOASTed values are filled, upsert semantics for held keys,
 * absent-key deletes dropped, pass-through tables, restore, and the refusal of a state that starts
 * empty under a restored source.
 */
class ChangelogMaterializerTest {
    private static final RowType PHYSICAL =
            (RowType)
                    DataTypes.ROW(
                                    DataTypes.FIELD("id", DataTypes.BIGINT().notNull()),
                                    DataTypes.FIELD("v", DataTypes.INT()),
                                    DataTypes.FIELD("big", DataTypes.STRING()))
                            .getLogicalType();
    private static final RowType PRODUCED =
            (RowType)
                    DataTypes.ROW(
                                    DataTypes.FIELD("id", DataTypes.BIGINT().notNull()),
                                    DataTypes.FIELD("v", DataTypes.INT()),
                                    DataTypes.FIELD("big", DataTypes.STRING()),
                                    DataTypes.FIELD("op", DataTypes.STRING()))
                            .getLogicalType();
    private static final CapturedTableSchema KEYED = schema("t", List.of("id"));
    private static final CapturedTableSchema FULL = schema("f", List.of("id"));
    private static final CapturedTableSchema KEYLESS = schema("k", List.of());

    private final KeyedChanges changes =
            new KeyedChanges(List.of(MetadataColumn.OP), PRODUCED, Set.of(FULL.id()));

    @Test
    void keyOnlyAndMissingOldRowsComeWholeFromState() throws Exception {
        try (var h = harness()) {
            h.open();
            feed(h, read(KEYED, 1, 10, "a"), read(KEYED, 2, 20, "b"));
            feed(h, update(KEYED, null, row(1, 11, "a"))); // no old row: key kept
            feed(h, update(KEYED, keyOnly(2), row(3, 20, "b"))); // key change
            feed(h, delete(KEYED, keyOnly(1)));
            feed(h, delete(KEYED, keyOnly(7))); // never emitted: dropped
            assertThat(out(h))
                    .containsExactly(
                            "+I(1,10,a,r)",
                            "+I(2,20,b,r)",
                            "-U(1,10,a,u)",
                            "+U(1,11,a,u)",
                            "-D(2,20,b,u)",
                            "+I(3,20,b,u)",
                            "-D(1,11,a,d)");
        }
    }

    @Test
    void heldKeysAreUpsertedAndUnknownUpdatesInserted() throws Exception {
        try (var h = harness()) {
            h.open();
            feed(h, read(KEYED, 1, 10, "a"), read(KEYED, 1, 12, "a2")); // a re-snapshot read
            feed(h, update(KEYED, null, row(5, 50, "e"))); // started without a snapshot
            assertThat(out(h))
                    .containsExactly(
                            "+I(1,10,a,r)", "-U(1,10,a,r)", "+U(1,12,a2,r)", "+I(5,50,e,u)");
        }
    }

    @Test
    void unchangedToastIsFilledFromState() throws Exception {
        try (var h = harness()) {
            h.open();
            feed(h, read(KEYED, 1, 10, "large"));
            GenericRowData after = row(1, 11, null);
            after.setField(2, UnchangedToast.VALUE);
            feed(h, update(KEYED, null, after));
            assertThat(out(h))
                    .containsExactly("+I(1,10,large,r)", "-U(1,10,large,u)", "+U(1,11,large,u)");
        }
    }

    @Test
    void unchangedToastUnderAnotherKeyFailsLoudly() throws Exception {
        try (var h = harness()) {
            h.open();
            feed(h, read(KEYED, 1, 10, "large"));
            GenericRowData after = row(2, 10, null);
            after.setField(2, UnchangedToast.VALUE);
            assertThatThrownBy(() -> feed(h, update(KEYED, keyOnly(1), after)))
                    .hasMessageContaining("Table \"public\".\"t\": an update changed the key")
                    .hasMessageContaining("REPLICA IDENTITY FULL");
        }
    }

    @Test
    void tablesWithoutStatePassTheirWholeOldRows() throws Exception {
        try (var h = harness()) {
            h.open();
            feed(h, read(FULL, 1, 10, "a"), read(KEYLESS, 1, 10, "a"), read(KEYLESS, 1, 10, "a"));
            feed(h, update(FULL, row(1, 10, "a"), row(1, 11, "a")));
            feed(h, delete(KEYLESS, row(1, 10, "a")));
            assertThat(out(h))
                    .containsExactly(
                            "+I(1,10,a,r)",
                            "+I(1,10,a,r)",
                            "+I(1,10,a,r)",
                            "-U(1,10,a,u)",
                            "+U(1,11,a,u)",
                            "-D(1,10,a,d)");
            assertThatThrownBy(() -> feed(h, delete(FULL, keyOnly(1))))
                    .hasMessageContaining("Table public.f at LSN 0/10")
                    .hasMessageContaining("a DELETE arrived with only the key of its old row")
                    .hasMessageContaining("ALTER TABLE \"public\".\"f\" REPLICA IDENTITY FULL");
        }
    }

    @Test
    void stateSurvivesARestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            feed(h, read(KEYED, 1, 10, "a"));
            snapshot = h.snapshot(1, 1);
        }
        try (var h = harness()) {
            h.initializeState(snapshot);
            h.open();
            feed(h, delete(KEYED, keyOnly(1)), delete(KEYED, keyOnly(1)));
            assertThat(out(h)).containsExactly("-D(1,10,a,d)");
        }
    }

    @Test
    void aStateThatStartsEmptyUnderARestoredJobIsRefused() throws Exception {
        try (var h = harness()) {
            assertThatThrownBy(() -> h.initializeState(OperatorSubtaskState.builder().build()))
                    .hasStackTraceContaining("restored from a checkpoint or savepoint");
        }
    }

    private KeyedOneInputStreamOperatorTestHarness<
                    RowData, Tuple3<RowData, byte[], RowData>, RowData>
            harness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new ChangelogMaterializer(PRODUCED, 3)),
                t -> t.f0,
                InternalTypeInfo.of(StateKeys.KEY_TYPE));
    }

    private void feed(
            KeyedOneInputStreamOperatorTestHarness<
                            RowData, Tuple3<RowData, byte[], RowData>, RowData>
                    h,
            ChangeEvent... events)
            throws Exception {
        List<Tuple3<RowData, byte[], RowData>> records = new ArrayList<>();
        for (ChangeEvent e : events) {
            changes.deserialize(
                    e,
                    new Collector<>() {
                        @Override
                        public void collect(Tuple3<RowData, byte[], RowData> r) {
                            records.add(r);
                        }

                        @Override
                        public void close() {}
                    });
        }
        for (Tuple3<RowData, byte[], RowData> r : records) {
            h.processElement(new StreamRecord<>(r));
        }
    }

    private static List<String> out(
            KeyedOneInputStreamOperatorTestHarness<
                            RowData, Tuple3<RowData, byte[], RowData>, RowData>
                    h) {
        List<String> rows = new ArrayList<>();
        for (RowData r : h.extractOutputValues()) {
            rows.add(
                    r.getRowKind().shortString()
                            + "("
                            + r.getLong(0)
                            + ","
                            + r.getInt(1)
                            + ","
                            + r.getString(2)
                            + ","
                            + r.getString(3)
                            + ")");
        }
        return rows;
    }

    private static CapturedTableSchema schema(String table, List<String> key) {
        return new CapturedTableSchema(
                "db",
                new TableId("public", table),
                PHYSICAL,
                key,
                key,
                List.of(),
                io.neoncdc.postgres.config.TopicNaming.DEFAULT);
    }

    private static GenericRowData row(long id, Integer v, String big) {
        return GenericRowData.of(id, v, big == null ? null : StringData.fromString(big));
    }

    private static GenericRowData keyOnly(long id) {
        return GenericRowData.of(id, null, null);
    }

    private static ChangeEvent read(CapturedTableSchema t, long id, int v, String big) {
        return ChangeEvent.read(t, row(id, v, big));
    }

    private static ChangeEvent update(
            CapturedTableSchema t, GenericRowData before, GenericRowData after) {
        boolean keyOnly = before == null || before.isNullAt(1);
        return new ChangeEvent(Op.UPDATE, t, before, after, 0x20, 0, 7).at(0x10, 0, keyOnly);
    }

    private static ChangeEvent delete(CapturedTableSchema t, GenericRowData before) {
        return new ChangeEvent(Op.DELETE, t, before, null, 0x20, 0, 7)
                .at(0x10, 0, before.isNullAt(1));
    }
}
