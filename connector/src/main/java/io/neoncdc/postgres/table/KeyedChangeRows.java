package io.neoncdc.postgres.table;

import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import io.neoncdc.postgres.event.ChangeEvent;
import io.neoncdc.postgres.event.ChangeEventDeserializer;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.VarBinaryType;
import org.apache.flink.util.Collector;

/**
 * {@link KeyedChanges} as rows {@code (state key, flags, row)}, for a shared source, whose elements
 * are rows of each scan's type; {@link #toChanges} turns them back after the scan's split.
 */
final class KeyedChangeRows implements ChangeEventDeserializer<RowData> {
    private static final long serialVersionUID = 1L;

    private final KeyedChanges changes;
    private final RowType producedType;
    private transient Rows rows;

    KeyedChangeRows(KeyedChanges changes, RowType producedType) {
        this.changes = changes;
        this.producedType = producedType;
    }

    /** The rows' type: the state key, the flags and the produced row. */
    static RowType rowType(RowType producedType) {
        return RowType.of(
                new LogicalType[] {
                    StateKeys.KEY_TYPE,
                    new VarBinaryType(false, VarBinaryType.MAX_LENGTH),
                    producedType
                },
                new String[] {"key", "flags", "row"});
    }

    /** Back to the changes {@link ChangelogMaterializer} reads (chained after the split). */
    static MapFunction<RowData, Tuple3<RowData, byte[], RowData>> toChanges(RowType producedType) {
        return new ToChanges(producedType.getFieldCount());
    }

    /** See {@link KeyedChanges#project}. */
    void project(TableId table, int[] positions) {
        changes.project(table, positions);
    }

    @Override
    public void open(NeonPostgresSourceConfig config) throws Exception {
        changes.open(config);
    }

    @Override
    public void deserialize(ChangeEvent event, Collector<RowData> out) throws Exception {
        if (rows == null) {
            rows = new Rows();
        }
        rows.target = out;
        changes.deserialize(event, rows);
    }

    @Override
    public TypeInformation<RowData> getProducedType() {
        return InternalTypeInfo.of(rowType(producedType));
    }

    /** Wraps each change into a row. */
    private static final class Rows implements Collector<Tuple3<RowData, byte[], RowData>> {
        Collector<RowData> target;

        @Override
        public void collect(Tuple3<RowData, byte[], RowData> change) {
            target.collect(GenericRowData.of(change.f0, change.f1, change.f2));
        }

        @Override
        public void close() {}
    }

    private static final class ToChanges
            implements MapFunction<RowData, Tuple3<RowData, byte[], RowData>> {
        private static final long serialVersionUID = 1L;

        private final int arity;

        ToChanges(int arity) {
            this.arity = arity;
        }

        @Override
        public Tuple3<RowData, byte[], RowData> map(RowData row) {
            return Tuple3.of(row.getRow(0, 1), row.getBinary(1), row.getRow(2, arity));
        }
    }
}
