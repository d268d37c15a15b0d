package io.neoncdc.postgres.types.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

/**
 * A Flink SQL job (no restarts, parallelism 1) over declared neon-postgres-cdc tables: collects the
 * changelog as strings while the test runs statements, or returns the job's failure.
 */
public final class SqlChanges {
    private final StreamTableEnvironment tEnv;

    public SqlChanges(String... ddl) {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        env.enableCheckpointing(500);
        tEnv = StreamTableEnvironment.create(env);
        for (String statement : ddl) {
            tEnv.executeSql(statement);
        }
    }

    /**
     * Runs {@code query}; once {@code ready} matched a row, runs {@code then} and collects until
     * {@code done} matched a row, then cancels. Returns every row as {@code Row#toString}.
     */
    public List<String> collect(
            String query, Predicate<String> ready, Runnable then, Predicate<String> done)
            throws Exception {
        List<String> rows = new ArrayList<>();
        TableResult result = tEnv.executeSql(query);
        try (CloseableIterator<Row> it = result.collect()) {
            String row;
            do {
                row = it.next().toString();
                rows.add(row);
            } while (!ready.test(row));
            then.run();
            do {
                row = it.next().toString();
                rows.add(row);
            } while (!done.test(row));
            result.getJobClient().orElseThrow().cancel().get();
        }
        return rows;
    }

    /** Runs a bounded {@code query} to its end and returns every row. */
    public List<String> all(String query) throws Exception {
        List<String> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = tEnv.executeSql(query).collect()) {
            it.forEachRemaining(r -> rows.add(r.toString()));
        }
        return rows;
    }

    /**
     * Runs {@code query}, runs {@code then} once it emitted a row matching {@code ready}, and
     * returns the failure the job must end with.
     */
    public Throwable failure(String query, Predicate<String> ready, Runnable then)
            throws Exception {
        TableResult result = tEnv.executeSql(query);
        try (CloseableIterator<Row> it = result.collect()) {
            while (!ready.test(it.next().toString())) {
                // wait for the snapshot
            }
            then.run();
            while (true) {
                it.next();
            }
        } catch (RuntimeException e) {
            try {
                result.getJobClient()
                        .orElseThrow()
                        .getJobExecutionResult()
                        .get(Duration.ofSeconds(60).toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException failed) {
                return failed.getCause();
            }
            return e;
        }
    }

    /** Every message of a throwable and its causes, one per line. */
    public static String messages(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c.getMessage()).append('\n');
        }
        return sb.toString();
    }
}
