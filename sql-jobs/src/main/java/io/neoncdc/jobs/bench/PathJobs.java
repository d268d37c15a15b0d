package io.neoncdc.jobs.bench;

import io.neoncdc.postgres.NeonPostgresSource;
import io.neoncdc.postgres.config.CheckpointMode;
import io.neoncdc.postgres.deserializer.ChangeEventDeserializers;
import io.neoncdc.postgres.event.ChangeEventDeserializer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.table.api.bridge.java.StreamStatementSet;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

/**
 * Builds and submits the job of one {@link BenchPath}: a snapshot ({@code scan.startup.mode =
 * snapshot}, bounded) or a stream from a prepared slot ({@code committed-offset}); every path ends
 * in a sink that counts in {@link Progress}.
 */
final class PathJobs {
    /** The workers' checkpoint interval ({@code --checkpoint-seconds} of the bench). */
    static final String CHECKPOINT_PROPERTY = "bench.checkpoint.seconds";

    static final Duration CHECKPOINT_INTERVAL =
            Duration.ofSeconds(Integer.getInteger(CHECKPOINT_PROPERTY, 10));

    private final BenchServer server;
    private final BenchCluster cluster;

    PathJobs(BenchServer server, BenchCluster cluster) {
        this.server = server;
        this.cluster = cluster;
    }

    /** The connector options of a job (SQL WITH clause, DataStream builder options). */
    Map<String, String> options(TableShape table, String slot, String startup, int chunkRows) {
        Map<String, String> o = new LinkedHashMap<>(server.connectorOptions());
        o.put("table-name", table.table);
        o.put("publication.name", DataSets.PUBLICATION);
        o.put("slot.name", slot);
        o.put("scan.startup.mode", startup);
        if (chunkRows > 0) {
            o.put("scan.snapshot.chunk.size", String.valueOf(chunkRows));
        }
        return o;
    }

    JobID submit(
            BenchPath path,
            TableShape table,
            Map<String, String> options,
            int parallelism,
            String name)
            throws Exception {
        StreamExecutionEnvironment env = BenchCluster.env(parallelism, CHECKPOINT_INTERVAL);
        if (path.isSql()) {
            Map<String, String> sql = new LinkedHashMap<>(options);
            sql.put("changelog-mode", path == BenchPath.SQL_UPSERT ? "upsert" : "all");
            sqlJob(env, table, sql, table.columnsDdl(true), "SELECT * FROM src", "count");
        } else {
            NeonPostgresSource<?> source = source(path, table, options);
            if (path == BenchPath.CHANGE_EVENT) {
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "neon-postgres-cdc")
                        .sinkTo(new DiscardingSink<>());
            } else {
                sinkCounting(env, source);
            }
        }
        return cluster.submit(env, name);
    }

    /** The SQL latency job: {@code written_at} and the {@code op_ts} metadata into the probe. */
    JobID latency(TableShape table, Map<String, String> options, String name) throws Exception {
        StreamExecutionEnvironment env = BenchCluster.env(1, CHECKPOINT_INTERVAL);
        sqlJob(
                env,
                table,
                options,
                table.columnsDdl(true) + ", op_ts TIMESTAMP_LTZ(3) METADATA FROM 'op_ts' VIRTUAL",
                "SELECT written_at, op_ts FROM src",
                "latency");
        return cluster.submit(env, name);
    }

    private static void sqlJob(
            StreamExecutionEnvironment env,
            TableShape table,
            Map<String, String> options,
            String sourceColumns,
            String query,
            String measure) {
        StreamTableEnvironment t = StreamTableEnvironment.create(env);
        Map<String, String> with = new LinkedHashMap<>();
        with.put("connector", "neon-postgres-cdc");
        with.putAll(options);
        t.executeSql("CREATE TABLE src (" + sourceColumns + ") WITH (" + with(with) + ")");
        String sinkColumns =
                "latency".equals(measure)
                        ? "written_at TIMESTAMP_LTZ(6), op_ts TIMESTAMP_LTZ(3)"
                        : table.columnsDdl(true);
        t.executeSql(
                "CREATE TABLE blackhole ("
                        + sinkColumns
                        + ") WITH ('connector' = '"
                        + BenchSinkFactory.IDENTIFIER
                        + "', 'measure' = '"
                        + measure
                        + "')");
        StreamStatementSet set = t.createStatementSet();
        set.addInsertSql("INSERT INTO blackhole " + query);
        set.attachAsDataStream();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void sinkCounting(StreamExecutionEnvironment env, NeonPostgresSource source) {
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "neon-postgres-cdc")
                .sinkTo(new CountingSink());
    }

    private static NeonPostgresSource<?> source(
            BenchPath path, TableShape table, Map<String, String> options) {
        ChangeEventDeserializer<?> deserializer;
        switch (path) {
            case ROW_DATA:
                deserializer = ChangeEventDeserializers.rowData(table.dataType());
                break;
            case DEBEZIUM_JSON:
                deserializer = ChangeEventDeserializers.debeziumJson();
                break;
            default:
                deserializer = new Progress.Counting();
        }
        return build(deserializer, options);
    }

    private static <T> NeonPostgresSource<T> build(
            ChangeEventDeserializer<T> deserializer, Map<String, String> options) {
        return NeonPostgresSource.<T>builder()
                .options(options)
                .checkpointMode(CheckpointMode.ALIGNED)
                .deserializer(deserializer)
                .build();
    }

    private static String with(Map<String, String> options) {
        StringBuilder sb = new StringBuilder();
        options.forEach(
                (k, v) ->
                        sb.append(sb.length() == 0 ? "" : ", ")
                                .append('\'')
                                .append(k)
                                .append("' = '")
                                .append(v.replace("'", "''"))
                                .append('\''));
        return sb.toString();
    }
}
