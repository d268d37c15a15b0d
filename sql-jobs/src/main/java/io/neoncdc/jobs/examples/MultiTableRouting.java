package io.neoncdc.jobs.examples;

import io.neoncdc.postgres.NeonPostgresSource;
import io.neoncdc.postgres.deserializer.ChangeEventDeserializers;
import io.neoncdc.postgres.deserializer.ChangeEventValue;
import io.neoncdc.postgres.deserializer.ChangeEventValueTypeInfo;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * One neon-postgres-cdc source for several tables, each table routed to its own sink through a side
 * output. Runs against Neon when {@code NEON_HOST}, {@code NEON_USER}, {@code NEON_PASSWORD},
 * {@code NEON_DATABASE} (and optionally {@code NEON_PORT}, {@code NEON_SSLMODE}) are set, else
 * against an embedded PostgreSQL with a small shop schema and a trickle of writes. Argument: the
 * tables, e.g. {@code customers,orders}.
 *
 * <p>For Kafka, route by {@link ChangeEventValue#topic()} instead (the {@code topic.prefix} naming)
 * or use {@code ChangeEventDeserializers.debeziumJsonBytes()} as the record value.
 */
public final class MultiTableRouting {
    private MultiTableRouting() {}

    public static void main(String[] args) throws Exception {
        List<String> tables =
                Arrays.asList((args.length > 0 ? args[0] : "customers,orders").split(","));
        Map<String, String> env = System.getenv();
        boolean neon = env.get("NEON_HOST") != null;
        try (ExampleServer server = neon ? null : ExampleServer.start()) {
            Map<String, String> connection = neon ? neonOptions(env) : server.options();
            StreamExecutionEnvironment flink = StreamExecutionEnvironment.getExecutionEnvironment();
            flink.enableCheckpointing(10_000); // the slot advances with completed checkpoints
            route(flink, connection, "neon_cdc_routing_example", tables)
                    .forEach((table, changes) -> changes.print(table).name("sink " + table));
            if (server != null) {
                server.startWrites();
            }
            flink.execute("multi-table-routing");
        }
    }

    /**
     * Reads {@code tables} (schema {@code public}) with one source and returns each table's changes
     * as its own stream, in commit order per table.
     */
    public static Map<String, DataStream<ChangeEventValue>> route(
            StreamExecutionEnvironment env,
            Map<String, String> connection,
            String slot,
            List<String> tables) {
        NeonPostgresSource<ChangeEventValue> source =
                NeonPostgresSource.<ChangeEventValue>builder()
                        .options(connection)
                        .tableName(String.join("|", tables))
                        .slotName(slot)
                        // Keyed tables need no REPLICA IDENTITY FULL: updates carry the new row.
                        .option("changelog-mode", "upsert")
                        .option("topic.prefix", "shop")
                        .deserializer(ChangeEventDeserializers.values())
                        .build();
        Map<String, OutputTag<ChangeEventValue>> tags = new LinkedHashMap<>();
        for (String table : tables) {
            tags.put(table, new OutputTag<>(table, ChangeEventValueTypeInfo.INSTANCE));
        }
        SingleOutputStreamOperator<ChangeEventValue> routed =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "neon-postgres-cdc")
                        .process(new ByTable(tags))
                        .name("route by table");
        Map<String, DataStream<ChangeEventValue>> streams = new LinkedHashMap<>();
        tags.forEach((table, tag) -> streams.put(table, routed.getSideOutput(tag)));
        return streams;
    }

    static Map<String, String> neonOptions(Map<String, String> env) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("hostname", env.get("NEON_HOST"));
        options.put("port", env.getOrDefault("NEON_PORT", "5432"));
        options.put("username", env.get("NEON_USER"));
        if (env.get("NEON_PASSWORD") != null) {
            options.put("password", env.get("NEON_PASSWORD"));
        }
        options.put("database-name", env.get("NEON_DATABASE"));
        options.put("ssl.mode", env.getOrDefault("NEON_SSLMODE", "require"));
        return options;
    }

    /** Sends each change to its table's side output. */
    private static final class ByTable extends ProcessFunction<ChangeEventValue, ChangeEventValue> {
        private static final long serialVersionUID = 1L;
        private final Map<String, OutputTag<ChangeEventValue>> tags;

        ByTable(Map<String, OutputTag<ChangeEventValue>> tags) {
            this.tags = tags;
        }

        @Override
        public void processElement(
                ChangeEventValue change, Context ctx, Collector<ChangeEventValue> unrouted) {
            OutputTag<ChangeEventValue> tag = tags.get(change.table());
            if (tag != null) {
                ctx.output(tag, change);
            } else {
                unrouted.collect(change);
            }
        }
    }
}
