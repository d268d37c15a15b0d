package io.neoncdc.postgres.types;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.CloseableIterator;

/**
 * Runs {@code SELECT * FROM t} over a declared neon-postgres-cdc table and collects the inserted
 * rows by their first column (an INT id), running an action once some ids have arrived.
 */
final class RowsById {
    private final StreamTableEnvironment tEnv;

    RowsById(String ddl) {
        Configuration conf = new Configuration();
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.STREAMING);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        tEnv = StreamTableEnvironment.create(env);
        tEnv.executeSql(ddl);
    }

    /**
     * Collects +I rows until {@code first} ids arrived, runs {@code then}, collects until {@code
     * second} ids arrived too, and cancels the job.
     */
    Map<Integer, Row> collect(Collection<Integer> first, Runnable then, Collection<Integer> second)
            throws Exception {
        Map<Integer, Row> rows = new TreeMap<>();
        TableResult result = tEnv.executeSql("SELECT * FROM t");
        try (CloseableIterator<Row> it = result.collect()) {
            while (!rows.keySet().containsAll(first)) {
                add(rows, it.next());
            }
            then.run();
            while (!rows.keySet().containsAll(second)) {
                add(rows, it.next());
            }
            result.getJobClient().orElseThrow().cancel().get();
        }
        return rows;
    }

    private static void add(Map<Integer, Row> rows, Row row) {
        if (row.getKind() == RowKind.INSERT) {
            rows.put((Integer) row.getField(0), row);
        }
    }

    /** {@code name=value} of every field after the id. */
    static List<String> fields(Row row, List<String> names) {
        List<String> result = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            result.add(names.get(i) + "=" + Rendered.of(row.getField(i + 1)));
        }
        return result;
    }
}
