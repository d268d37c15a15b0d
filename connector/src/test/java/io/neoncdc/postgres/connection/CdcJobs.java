package io.neoncdc.postgres.connection;

import io.neoncdc.postgres.config.ConnectionConfig;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

/** Test helpers: a connector config from SQL options, and a snapshot-then-stream SQL job. */
final class CdcJobs {
    private CdcJobs() {}

    /** A statement run between the snapshot row and the streamed row. */
    interface Write {
        void run() throws Exception;
    }

    /** The connection config the source would build from these SQL options. */
    static ConnectionConfig config(Map<String, String> options) {
        Map<String, String> all = new LinkedHashMap<>(options);
        all.putIfAbsent("table-name", "t");
        return NeonPostgresSourceConfig.fromOptions(Configuration.fromMap(all))
                .build()
                .connection();
    }

    static PgConnector connector(Map<String, String> options) {
        return new PgConnector(config(options), "neon-postgres-cdc test");
    }

    /**
     * Runs {@code SELECT * FROM t} (t: id INT, v STRING) over these options: reads the one snapshot
     * row, runs {@code write}, reads one streamed row, cancels the job.
     */
    static List<String> snapshotThenStream(Map<String, String> options, Write write)
            throws Exception {
        StreamTableEnvironment tEnv =
                StreamTableEnvironment.create(
                        StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(1));
        StringBuilder with = new StringBuilder("'connector' = 'neon-postgres-cdc'");
        options.forEach(
                (k, v) ->
                        with.append(", '")
                                .append(k)
                                .append("' = '")
                                .append(v.replace("'", "''"))
                                .append("'"));
        tEnv.executeSql("CREATE TABLE t (id INT, v STRING) WITH (" + with + ")");
        TableResult result = tEnv.executeSql("SELECT * FROM t");
        List<String> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = result.collect()) {
            rows.add(it.next().toString());
            write.run();
            rows.add(it.next().toString());
            result.getJobClient().get().cancel();
        }
        return rows;
    }
}
