package io.neoncdc.postgres.table;

import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.utils.JoinedRowData;
import org.apache.flink.table.data.utils.ProjectedRowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.Collector;

/**
 * Keeps the last physical row of every key (captured table + replica identity key) of the tables
 * whose WAL carries only old keys, and turns their per-key changes ({@link KeyedChanges}) into an
 * exact retract stream: -U/-D carry the whole old row from state, unchanged TOASTed values are
 * filled from it, and an insert of a key already held becomes -U/+U. Rows of tables without state
 * pass through.
 *
 * <p>The invariant every rule rests on: <b>the state holds exactly the rows this job has emitted
 * and not retracted</b>, per key. Every row the job emits for a key with state is emitted here and
 * stored here; the state is checkpointed with the source's position, so a restore brings both back
 * to the same point (exactly-once). A materializer that starts empty under a restored source would
 * break it, so that fails ({@link #initializeState}).
 */
final class ChangelogMaterializer
        extends KeyedProcessFunction<RowData, Tuple3<RowData, byte[], RowData>, RowData>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;
    private static final GenericRowData NO_METADATA = new GenericRowData(0);

    private final RowType producedType;
    private final int physicalArity;
    private transient ValueState<RowData> last;
    private transient ListState<Boolean> tracking;
    private transient int[] physicalFields;
    private transient int[] metadataFields;
    private transient RowData.FieldGetter[] getters;

    /**
     * @param producedType physical columns then metadata columns
     * @param physicalArity how many physical columns lead it
     */
    ChangelogMaterializer(RowType producedType, int physicalArity) {
        this.producedType = producedType;
        this.physicalArity = physicalArity;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        tracking =
                context.getOperatorStateStore()
                        .getUnionListState(
                                new ListStateDescriptor<>(
                                        "tracks-every-emitted-row", Types.BOOLEAN));
        // A restored job whose materializer has no state of its own started this operator after
        // the source had emitted rows without it (the savepoint of a plan that kept no state):
        // its keys' rows are downstream but not here, so neither retractions nor "absent key"
        // decisions could be exact.
        if (context.isRestored() && !tracking.get().iterator().hasNext()) {
            throw new IllegalStateException(
                    "This job was restored from a checkpoint or savepoint taken while its plan"
                            + " kept no rows in Flink state (every captured table had REPLICA"
                            + " IDENTITY FULL then), so the rows it emitted before are not in the"
                            + " state that now provides old rows, and its changelog could not be"
                            + " exact. Restart the job without state (a new snapshot), or run"
                            + " ALTER TABLE … REPLICA IDENTITY FULL on the captured tables and"
                            + " restore again.");
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        tracking.update(List.of(Boolean.TRUE));
    }

    @Override
    public void open(OpenContext context) {
        RowType physical = new RowType(producedType.getFields().subList(0, physicalArity));
        last =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "last-row", InternalTypeInfo.of(physical)));
        int n = producedType.getFieldCount();
        physicalFields = range(0, physicalArity);
        metadataFields = range(physicalArity, n);
        getters = new RowData.FieldGetter[n];
        for (int i = 0; i < n; i++) {
            getters[i] = RowData.createFieldGetter(producedType.getTypeAt(i), i);
        }
    }

    @Override
    public void processElement(
            Tuple3<RowData, byte[], RowData> change, Context ctx, Collector<RowData> out)
            throws Exception {
        byte[] flags = change.f1;
        RowData row = change.f2;
        if (flags.length > 0 && flags[0] == KeyedChanges.PASS) {
            out.collect(row);
            return;
        }
        RowData held = last.value();
        switch (row.getRowKind()) {
            case INSERT:
                if (flags.length > 0) {
                    throw ToastFill.keyChanged(StateKeys.tableOf(ctx.getCurrentKey()));
                }
                if (held != null) {
                    // Upsert semantics: the key is already downstream (a re-snapshot read, or an
                    // insert after a delete the stream judged seen by a chunk): replace, never a
                    // second +I.
                    out.collect(retraction(RowKind.UPDATE_BEFORE, held, row));
                    row.setRowKind(RowKind.UPDATE_AFTER);
                }
                break;
            case UPDATE_AFTER:
                if (flags.length > 0) {
                    row =
                            ToastFill.fill(
                                    row,
                                    held,
                                    flags,
                                    getters,
                                    physicalArity,
                                    producedType,
                                    StateKeys.tableOf(ctx.getCurrentKey()));
                }
                if (held == null) {
                    // Nothing of this key was emitted (the state holds every emitted row): for
                    // the output the row is new, e.g. a job started without a snapshot.
                    row.setRowKind(RowKind.INSERT);
                } else {
                    out.collect(retraction(RowKind.UPDATE_BEFORE, held, row));
                }
                break;
            case DELETE:
                if (held != null) {
                    out.collect(retraction(RowKind.DELETE, held, row));
                    last.clear();
                }
                // An absent key was never emitted (or already retracted): nothing downstream
                // holds it, so dropping the delete is exact (a job started without a snapshot).
                return;
            default:
                throw new IllegalStateException("Unexpected change kind " + row.getRowKind());
        }
        last.update(physical(row));
        out.collect(row);
    }

    /** The held old row with the current change's metadata (op, op_ts, lsn: of this change). */
    private RowData retraction(RowKind kind, RowData held, RowData current) {
        RowData metadata =
                metadataFields.length == 0
                        ? NO_METADATA
                        : ProjectedRowData.from(metadataFields).replaceRow(current);
        return new JoinedRowData(kind, held, metadata);
    }

    /** The physical part of a row, without copying it. */
    private RowData physical(RowData row) {
        return metadataFields.length == 0
                ? row
                : ProjectedRowData.from(physicalFields).replaceRow(row);
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }
}
