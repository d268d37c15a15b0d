package io.neoncdc.postgres.flinkcatalog;

import io.neoncdc.postgres.testutil.CommittedCollector;
import io.neoncdc.postgres.testutil.FailOnce;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.ProviderContext;
import org.apache.flink.table.connector.RuntimeConverter;
import org.apache.flink.table.connector.sink.DataStreamSinkProvider;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.factories.DynamicTableSinkFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.types.DataType;
import org.apache.flink.types.Row;

/**
 * A SQL sink {@code 'connector' = 'committed-collector'} for statement sets in tests: the retract
 * stream it receives goes into a {@link CommittedCollector} (exactly-once: published when the
 * covering checkpoint completes), optionally through one injected failure ({@code fail-after}).
 */
public final class CommittedSinkFactory implements DynamicTableSinkFactory {
    static final ConfigOption<String> ID =
            ConfigOptions.key("collector-id").stringType().noDefaultValue();
    static final ConfigOption<Long> FAIL_AFTER =
            ConfigOptions.key("fail-after").longType().defaultValue(0L);

    @Override
    public String factoryIdentifier() {
        return "committed-collector";
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of(ID);
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of(FAIL_AFTER);
    }

    @Override
    public DynamicTableSink createDynamicTableSink(Context context) {
        FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
        helper.validate();
        return new Sink(helper.getOptions(), context.getPhysicalRowDataType());
    }

    private static final class Sink implements DynamicTableSink {
        private final ReadableConfig options;
        private final DataType type;

        Sink(ReadableConfig options, DataType type) {
            this.options = options;
            this.type = type;
        }

        @Override
        public ChangelogMode getChangelogMode(ChangelogMode requested) {
            return ChangelogMode.all();
        }

        @Override
        public SinkRuntimeProvider getSinkRuntimeProvider(Context context) {
            DataStructureConverter converter = context.createDataStructureConverter(type);
            String id = options.get(ID);
            long failAfter = options.get(FAIL_AFTER);
            return new DataStreamSinkProvider() {
                @Override
                public DataStreamSink<?> consumeDataStream(
                        ProviderContext provider, DataStream<RowData> rows) {
                    DataStream<Row> stream =
                            rows.map(new ToRow(converter))
                                    .returns(Row.class)
                                    .uid("to-row-" + id)
                                    .setParallelism(1);
                    if (failAfter > 0) {
                        stream =
                                stream.map(new FailOnce(id, failAfter, 0))
                                        .uid("fail-" + id)
                                        .setParallelism(1);
                    }
                    return stream.process(new CommittedCollector(id))
                            .uid("collector-" + id)
                            .setParallelism(1)
                            .sinkTo(new DiscardingSink<>())
                            .uid("discard-" + id)
                            .setParallelism(1);
                }
            };
        }

        @Override
        public DynamicTableSink copy() {
            return new Sink(options, type);
        }

        @Override
        public String asSummaryString() {
            return "committed-collector";
        }
    }

    /** RowData → Row with its kind. */
    private static final class ToRow extends RichMapFunction<RowData, Row> {
        private final DynamicTableSink.DataStructureConverter converter;

        ToRow(DynamicTableSink.DataStructureConverter converter) {
            this.converter = converter;
        }

        @Override
        public void open(OpenContext context) {
            converter.open(RuntimeConverter.Context.create(getClass().getClassLoader()));
        }

        @Override
        public Row map(RowData row) {
            return (Row) converter.toExternal(row);
        }
    }
}
