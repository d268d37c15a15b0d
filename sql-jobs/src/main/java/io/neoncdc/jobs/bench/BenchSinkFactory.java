package io.neoncdc.jobs.bench;

import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.sink.SinkV2Provider;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.factories.DynamicTableSinkFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.types.RowKind;

/**
 * {@code 'connector' = 'bench-sink'}: Flink's {@code blackhole} table sink (the same changelog
 * mode: everything but UPDATE_BEFORE, and the same discarding writer) that also counts rows ({@code
 * 'measure' = 'count'}) or times them ({@code 'latency'}: columns {@code written_at} and {@code
 * op_ts}, see {@link LatencyProbe}).
 */
public final class BenchSinkFactory implements DynamicTableSinkFactory {
    static final String IDENTIFIER = "bench-sink";
    static final ConfigOption<String> MEASURE =
            ConfigOptions.key("measure").stringType().defaultValue("count");

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of();
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of(MEASURE);
    }

    @Override
    public DynamicTableSink createDynamicTableSink(Context context) {
        FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
        helper.validate();
        return new BenchTableSink("latency".equals(helper.getOptions().get(MEASURE)));
    }

    /** The table sink: blackhole's changelog mode, a counting or timing writer. */
    private static final class BenchTableSink implements DynamicTableSink {
        private final boolean latency;

        BenchTableSink(boolean latency) {
            this.latency = latency;
        }

        @Override
        public ChangelogMode getChangelogMode(ChangelogMode requested) {
            ChangelogMode.Builder b = ChangelogMode.newBuilder();
            for (RowKind kind : requested.getContainedKinds()) {
                if (kind != RowKind.UPDATE_BEFORE) {
                    b.addContainedKind(kind);
                }
            }
            return b.build();
        }

        @Override
        public SinkRuntimeProvider getSinkRuntimeProvider(Context context) {
            return SinkV2Provider.of(
                    latency ? new LatencyProbe.RowLatencySink() : new CountingSink<RowData>());
        }

        @Override
        public DynamicTableSink copy() {
            return new BenchTableSink(latency);
        }

        @Override
        public String asSummaryString() {
            return IDENTIFIER;
        }
    }
}
