package io.neoncdc.postgres.table;

import io.neoncdc.postgres.NeonPostgresSource;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSource;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.connector.ProviderContext;
import org.apache.flink.table.connector.source.DataStreamScanProvider;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;

/**
 * The scan of an upsert table with {@code toast.unchanged-value = fill}: the source emits marked
 * rows, keyed by table and primary key into {@link ToastFillFunction}, which emits the table's
 * rows.
 */
final class FillingScanProvider implements DataStreamScanProvider {
    private final NeonPostgresSource<RowData> source;
    private final RowType markedType;
    private final RowType producedType;
    private final int physicalArity;
    private final int[] keyFields;

    FillingScanProvider(
            NeonPostgresSource<RowData> source,
            RowType producedType,
            int physicalArity,
            List<String> primaryKey) {
        this.source = source;
        this.producedType = producedType;
        this.markedType = ToastMarkers.withMarkerColumns(producedType);
        this.physicalArity = physicalArity;
        this.keyFields = primaryKey.stream().mapToInt(producedType::getFieldIndex).toArray();
    }

    /** The type the source's deserializer must produce: the table's row plus the markers. */
    static RowType markedType(RowType producedType) {
        return ToastMarkers.withMarkerColumns(producedType);
    }

    @Override
    public DataStream<RowData> produceDataStream(
            ProviderContext context, StreamExecutionEnvironment env) {
        DataStreamSource<RowData> marked =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "neon-postgres-cdc");
        context.generateUid("source").ifPresent(marked::uid);
        LogicalType[] keyTypes = new LogicalType[keyFields.length];
        for (int i = 0; i < keyFields.length; i++) {
            keyTypes[i] = producedType.getTypeAt(keyFields[i]);
        }
        // Keyed by table and primary key: every change of a row (snapshot read included) reaches
        // the same subtask in order, so its state holds the row's latest values.
        SingleOutputStreamOperator<RowData> filled =
                marked.keyBy(new ToastFillKey(producedType.getFieldCount(), keyFields, keyTypes))
                        .process(
                                new ToastFillFunction(markedType, physicalArity),
                                InternalTypeInfo.of(producedType))
                        .name("neon-postgres-cdc TOAST fill");
        context.generateUid("toast-fill").ifPresent(filled::uid);
        return filled;
    }

    @Override
    public boolean isBounded() {
        return source.getBoundedness() == Boundedness.BOUNDED;
    }
}
