package io.neoncdc.jobs.demo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;

/**
 * The demo's Flink job on a local MiniCluster: the captured tables through the {@code
 * neon-postgres-cdc} catalog, all from one replication slot; each table's changelog (read once)
 * feeds both the console's change sample and a Flink SQL aggregate, revenue per customer over
 * order_items ⋈ orders ⋈ customers.
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

    /** The one replication slot of the job: every table is read through it (one WAL sender). */
    static final String SLOT = "neon_cdc_demo";

    /**
     * Plans the job: warms the planner up while PostgreSQL starts (it takes seconds), then, once
     * {@code databaseReady} completes, reads the tables through the {@code neon-postgres-cdc}
     * catalog (no CREATE TABLE: columns and types come from PostgreSQL); {@link #submit} runs it.
     */
    static StreamExecutionEnvironment build(
            ConnectionSettings db, String runId, List<DemoTable> tables, Future<?> databaseReady)
            throws Exception {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(configuration(runId));
        env.setParallelism(PARALLELISM);
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);
        tEnv.explainSql("SELECT 1");
        databaseReady.get();
        tEnv.executeSql(catalogDdl(db));
        DataStream<ChangeLine> changes = null;
        for (DemoTable table : tables) {
            // The $meta variant adds the metadata columns (op, table_name, op_ts, ...). All four
            // changelogs (and the join below) come from one shared source on one slot.
            DataStream<Row> changelog = tEnv.toChangelogStream(tEnv.from(table.catalogPath()));
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

    static String catalogDdl(ConnectionSettings db) {
        Map<String, String> options = new java.util.LinkedHashMap<>();
        options.put("type", "neon-postgres-cdc");
        options.putAll(db.connectorOptions());
        options.put("default-database", ShopSchema.SCHEMA);
        options.put("publication.name", ShopSchema.PUBLICATION);
        options.put("slot.name", SLOT);
        // Small chunks, so even a few thousand rows show the snapshot's progress.
        options.put("scan.snapshot.chunk.size", String.valueOf(CHUNK_ROWS));
        StringBuilder sql = new StringBuilder("CREATE CATALOG neon WITH (");
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
