package io.neoncdc.jobs.demo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;

/**
 * The demo's Flink job on a local MiniCluster: one {@code neon-postgres-cdc} table per captured
 * table, whose changelog (read once) feeds both the console's change sample and a Flink SQL
 * aggregate, revenue per customer over order_items ⋈ orders ⋈ customers.
 */
final class CdcJob {
    static final int PARALLELISM = 2;
    static final String CHECKPOINT_INTERVAL = "2 s";
    static final int CHUNK_ROWS = 500;

    static final String REVENUE_SQL =
            "SELECT c.id AS customer_id, c.name, COUNT(DISTINCT o.id) AS orders,"
                    + " SUM(i.quantity * i.unit_price) AS revenue"
                    + " FROM order_items i"
                    + " JOIN orders o ON i.order_id = o.id"
                    + " JOIN customers c ON o.customer_id = c.id"
                    + " GROUP BY c.id, c.name";

    private CdcJob() {}

    static final String NAME = "neon-postgres-cdc demo";

    /**
     * Plans the job without touching the database (the planner takes seconds, so the demo does this
     * while PostgreSQL starts); {@link #submit} runs it.
     */
    static StreamExecutionEnvironment build(
            ConnectionSettings db, String runId, List<DemoTable> tables) {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(configuration(runId));
        env.setParallelism(PARALLELISM);
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);
        DataStream<ChangeLine> changes = null;
        for (DemoTable table : tables) {
            tEnv.executeSql(ddl(table, db));
            DataStream<Row> changelog = tEnv.toChangelogStream(tEnv.from(table.flinkName()));
            DataStream<ChangeLine> lines =
                    changelog
                            .flatMap(new ChangeFormatter(table))
                            .returns(TypeInformation.of(ChangeLine.class))
                            .name("format " + table.table);
            changes = changes == null ? lines : changes.union(lines);
            tEnv.createTemporaryView(table.table, tEnv.fromChangelogStream(changelog));
        }
        changes.sinkTo(BoardSink.changes(runId)).name("console: changes");
        Table revenue = tEnv.sqlQuery(REVENUE_SQL);
        tEnv.toChangelogStream(revenue)
                .sinkTo(BoardSink.revenue(runId))
                .name("console: revenue per customer");
        return env;
    }

    /** Starts a local MiniCluster with the planned job; returns once the job is submitted. */
    static JobClient submit(StreamExecutionEnvironment env) throws Exception {
        return env.executeAsync(NAME);
    }

    static String ddl(DemoTable table, ConnectionSettings db) {
        Map<String, String> options = new java.util.LinkedHashMap<>();
        options.put("connector", "neon-postgres-cdc");
        options.putAll(db.connectorOptions());
        options.put("schema-name", ShopSchema.SCHEMA);
        options.put("table-name", table.table);
        options.put("publication.name", ShopSchema.PUBLICATION);
        options.put("slot.name", table.slotName());
        // Small chunks, so even a few thousand rows show the snapshot's progress.
        options.put("scan.snapshot.chunk.size", String.valueOf(CHUNK_ROWS));
        StringBuilder sql =
                new StringBuilder("CREATE TABLE ")
                        .append(table.flinkName())
                        .append(" (")
                        .append(table.columns)
                        .append(", op STRING METADATA FROM 'op' VIRTUAL")
                        .append(", table_name STRING METADATA FROM 'table_name' VIRTUAL")
                        .append(", op_ts TIMESTAMP_LTZ(3) METADATA FROM 'op_ts' VIRTUAL) WITH (");
        String separator = "";
        for (Map.Entry<String, String> e : options.entrySet()) {
            sql.append(separator)
                    .append('\'')
                    .append(e.getKey())
                    .append("' = '")
                    .append(e.getValue().replace("'", "''"))
                    .append('\'');
            separator = ", ";
        }
        return sql.append(')').toString();
    }

    private static Configuration configuration(String runId) {
        Map<String, String> conf = new HashMap<>();
        conf.put("execution.checkpointing.interval", CHECKPOINT_INTERVAL);
        conf.put("execution.checkpointing.mode", "EXACTLY_ONCE");
        // Fail visibly instead of restarting forever when the database is unreachable.
        conf.put("restart-strategy.type", "fixed-delay");
        conf.put("restart-strategy.fixed-delay.attempts", "3");
        conf.put("restart-strategy.fixed-delay.delay", "2 s");
        conf.put("rest.bind-port", "0");
        String reporter = "metrics.reporter.console.";
        conf.put(reporter + "factory.class", ProgressReporterFactory.class.getName());
        conf.put(reporter + "interval", "200 ms");
        conf.put(reporter + ProgressReporterFactory.RUN_ID, runId);
        return Configuration.fromMap(conf);
    }
}
