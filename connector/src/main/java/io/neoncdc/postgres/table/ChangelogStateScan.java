package io.neoncdc.postgres.table;

import io.neoncdc.postgres.NeonPostgresSource;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSource;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.connector.ProviderContext;
import org.apache.flink.table.connector.source.DataStreamScanProvider;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;

/**
 * The scan of a SQL table whose old rows come from Flink state: the source's per-key changes
 * ({@link KeyedChanges}), keyed by captured table and key into {@link ChangelogMaterializer}, which
 * emits the table's exact retract stream.
 */
final class ChangelogStateScan implements DataStreamScanProvider {
    private final NeonPostgresSource<Tuple3<RowData, byte[], RowData>> source;

    /**
     * The source's uid name. On Flink 2.x it is "source", the name the planner gives the source of
     * a plan without state, so the source's state maps when a table's identity changes between
     * restores and the materializer can refuse the restore loudly. Flink 1.x's planner itself gives
     * the scan's last transformation (the materializer) "source", so the source takes another name
     * there and the materializer receives that state, which it refuses just the same.
     */
    private static final String SOURCE_UID =
            EnvironmentInformation.getVersion().startsWith("1.") ? "changes" : "source";

    private final RowType producedType;
    private final int physicalArity;

    ChangelogStateScan(
            NeonPostgresSource<Tuple3<RowData, byte[], RowData>> source,
            RowType producedType,
            int physicalArity) {
        this.source = source;
        this.producedType = producedType;
        this.physicalArity = physicalArity;
    }

    @Override
    public DataStream<RowData> produceDataStream(
            ProviderContext context, StreamExecutionEnvironment env) {
        DataStreamSource<Tuple3<RowData, byte[], RowData>> changes =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "neon-postgres-cdc");
        context.generateUid(SOURCE_UID).ifPresent(changes::uid);
        // Keyed by table and key: every change of a key (snapshot read included) reaches the same
        // subtask in order, so its state holds the key's latest row (DESIGN §4: a key's snapshot
        // row is downstream before its first stream change).
        SingleOutputStreamOperator<RowData> rows =
                changes.keyBy(new ByStateKey(), InternalTypeInfo.of(StateKeys.KEY_TYPE))
                        .process(
                                new ChangelogMaterializer(producedType, physicalArity),
                                InternalTypeInfo.of(producedType))
                        .name("neon-postgres-cdc changelog state");
        context.generateUid("changelog-state").ifPresent(rows::uid);
        return rows;
    }

    @Override
    public boolean isBounded() {
        return source.getBoundedness() == Boundedness.BOUNDED;
    }

    /** The state key the source computed (a binary row: content hash and equality). */
    static final class ByStateKey
            implements KeySelector<Tuple3<RowData, byte[], RowData>, RowData> {
        private static final long serialVersionUID = 1L;

        @Override
        public RowData getKey(Tuple3<RowData, byte[], RowData> change) {
            return change.f0;
        }
    }
}
