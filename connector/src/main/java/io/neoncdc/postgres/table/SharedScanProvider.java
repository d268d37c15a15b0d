package io.neoncdc.postgres.table;

import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.connector.ProviderContext;
import org.apache.flink.table.connector.source.DataStreamScanProvider;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

/** The runtime of a scan served by the job's shared source of its slot ({@link SharedSources}). */
final class SharedScanProvider implements DataStreamScanProvider {
    private final SharedSlotKey key;
    private final NeonPostgresSourceConfig config;
    private final SharedScan scan;
    private final RowType produced;

    SharedScanProvider(
            SharedSlotKey key, NeonPostgresSourceConfig config, SharedScan scan, RowType produced) {
        this.key = key;
        this.config = config;
        this.scan = scan;
        this.produced = produced;
    }

    @Override
    public DataStream<RowData> produceDataStream(
            ProviderContext context, StreamExecutionEnvironment env) {
        // Operator ids come from the slot, not from the planner (context.generateUid), so they
        // stay the same when the job's query changes.
        return SharedSources.attach(env, key, config, scan, produced);
    }

    @Override
    public boolean isBounded() {
        return !config.startupMode().streams();
    }
}
