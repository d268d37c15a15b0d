package io.neoncdc.postgres.table;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.runtime.typeutils.RowDataSerializer;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.Collector;

/**
 * {@code toast.unchanged-value = fill}: keeps the last physical row of every key (captured table +
 * primary key) and replaces marked unchanged TOASTed values with the last known ones, then drops
 * the hidden marker columns. Snapshot rows and every insert and update feed the state; deletes
 * clear it.
 */
final class ToastFillFunction extends KeyedProcessFunction<String, RowData, RowData> {
    private static final long serialVersionUID = 1L;

    private final RowType markedType;
    private final int physicalArity;
    private final int outputArity;
    private transient RowData.FieldGetter[] getters;
    private transient RowDataSerializer physicalSerializer;
    private transient ValueState<RowData> last;

    /**
     * @param markedType the produced row type followed by the two hidden marker columns
     * @param physicalArity the number of physical (non-metadata) columns at its start
     */
    ToastFillFunction(RowType markedType, int physicalArity) {
        this.markedType = markedType;
        this.physicalArity = physicalArity;
        this.outputArity = markedType.getFieldCount() - 2;
    }

    @Override
    public void open(OpenContext context) {
        getters = new RowData.FieldGetter[outputArity];
        for (int i = 0; i < outputArity; i++) {
            getters[i] = RowData.createFieldGetter(markedType.getTypeAt(i), i);
        }
        RowType physical =
                RowType.of(
                        ToastMarkers.types(markedType, physicalArity),
                        markedType
                                .getFieldNames()
                                .subList(0, physicalArity)
                                .toArray(new String[0]));
        physicalSerializer = new RowDataSerializer(physical);
        last =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "last-physical-row", InternalTypeInfo.of(physical)));
    }

    @Override
    public void processElement(RowData row, Context ctx, Collector<RowData> out) throws Exception {
        GenericRowData result = new GenericRowData(row.getRowKind(), outputArity);
        for (int i = 0; i < outputArity; i++) {
            result.setField(i, getters[i].getFieldOrNull(row));
        }
        RowKind kind = row.getRowKind();
        if (kind == RowKind.DELETE) {
            last.clear();
        } else if (kind != RowKind.UPDATE_BEFORE) {
            byte[] mask = row.isNullAt(outputArity + 1) ? null : row.getBinary(outputArity + 1);
            if (mask != null) {
                fill(result, mask, row.getString(outputArity).toString());
            }
            GenericRowData physical = new GenericRowData(physicalArity);
            for (int i = 0; i < physicalArity; i++) {
                physical.setField(i, result.getField(i));
            }
            last.update(physicalSerializer.copy(physical));
        }
        out.collect(result);
    }

    private void fill(GenericRowData result, byte[] mask, String table) throws Exception {
        RowData known = last.value();
        for (int i = 0; i < physicalArity; i++) {
            if (!ToastMarkers.isMarked(mask, i)) {
                continue;
            }
            if (known == null) {
                throw new IllegalStateException(
                        "Column '"
                                + markedType.getFieldNames().get(i)
                                + "' of table "
                                + table
                                + ": an update left its TOASTed value unchanged, so the WAL does"
                                + " not carry it, and this job has not seen the row under this key"
                                + " (it started without a snapshot, e.g. 'scan.startup.mode' ="
                                + " 'latest-offset', or the update changed the primary key). Run"
                                + " ALTER TABLE "
                                + table
                                + " REPLICA IDENTITY FULL, or start with a snapshot.");
            }
            result.setField(i, getters[i].getFieldOrNull(known));
        }
    }
}
