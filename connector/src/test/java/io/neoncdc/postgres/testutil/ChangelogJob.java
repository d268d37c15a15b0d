package io.neoncdc.postgres.testutil;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;

/**
 * Runs a Flink SQL query over a neon-postgres-cdc table as a changelog stream into a {@link
 * CommittedCollector}, and compares what was committed with the source table.
 */
public final class ChangelogJob {
    private final String collectorId;
    private final StreamExecutionEnvironment env;
    private final StreamTableEnvironment tEnv;
    private final List<org.apache.flink.api.common.functions.MapFunction<Row, Row>> stages =
            new java.util.ArrayList<>();
    private JobClient client;

    public ChangelogJob(int parallelism, long checkpointMillis) {
        this(
                parallelism,
                checkpointMillis,
                new org.apache.flink.configuration.Configuration(),
                null);
    }

    /**
     * @param config job configuration (e.g. a savepoint to restore from)
     * @param collectorId the collector to continue (a restored job), or null for a new one
     */
    public ChangelogJob(
            int parallelism,
            long checkpointMillis,
            org.apache.flink.configuration.Configuration config,
            String collectorId) {
        this.collectorId = collectorId == null ? UUID.randomUUID().toString() : collectorId;
        env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(parallelism);
        if (checkpointMillis > 0) {
            env.enableCheckpointing(checkpointMillis);
        }
        tEnv = StreamTableEnvironment.create(env);
    }

    public String collectorId() {
        return collectorId;
    }

    /** Adds a stage between the changelog and the collector (e.g. a failure injector). */
    public ChangelogJob through(org.apache.flink.api.common.functions.MapFunction<Row, Row> stage) {
        stages.add(stage);
        return this;
    }

    public StreamExecutionEnvironment env() {
        return env;
    }

    public StreamTableEnvironment tableEnv() {
        return tEnv;
    }

    /** Starts {@code query} (after running the DDL statements) and returns immediately. */
    public ChangelogJob start(String query, String... ddl) throws Exception {
        for (String statement : ddl) {
            tEnv.executeSql(statement);
        }
        Table table = tEnv.sqlQuery(query);
        org.apache.flink.streaming.api.datastream.DataStream<Row> stream =
                tEnv.toChangelogStream(table);
        for (org.apache.flink.api.common.functions.MapFunction<Row, Row> stage : stages) {
            stream = stream.map(stage).returns(stream.getType()).setParallelism(1);
        }
        stream.process(new CommittedCollector(collectorId))
                .setParallelism(1)
                .sinkTo(new DiscardingSink<>())
                .setParallelism(1);
        client = env.executeAsync("changelog-job");
        return this;
    }

    public JobClient client() {
        return client;
    }

    public List<Row> committed() {
        return CommittedCollector.committed(collectorId);
    }

    /** Waits until a committed row matches, failing after the timeout. */
    public void awaitCommitted(Predicate<Row> condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (committed().stream().anyMatch(condition)) {
                return;
            }
            if (client.getJobStatus().get().isGloballyTerminalState()) {
                client.getJobExecutionResult().get(); // surfaces the failure
                throw new AssertionError("Job ended before the condition held");
            }
            Thread.sleep(100);
        }
        throw new AssertionError(
                "Timed out after " + timeout + "; committed " + committed().size() + " rows");
    }

    /** Waits until the job's tasks are running (they may emit nothing committed yet). */
    public void awaitCommittedOrRunning(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (client.getJobStatus().get() == org.apache.flink.api.common.JobStatus.RUNNING) {
                Thread.sleep(1000);
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("The job did not start within " + timeout);
    }

    public void cancel() throws Exception {
        client.cancel().get();
    }

    /** Key of a row made of its first {@code keyFields} fields. */
    public static String key(Row row, int keyFields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < keyFields; i++) {
            sb.append(row.getField(i)).append('|');
        }
        return sb.toString();
    }

    /** Asserts the committed changelog is exact and materializes to the given table rows. */
    public Map<String, Row> assertMaterializesTo(List<String> sourceRows, int keyFields) {
        Map<String, Row> table = Changelog.apply(committed(), r -> key(r, keyFields));
        Map<String, String> actual = new TreeMap<>();
        table.forEach((k, r) -> actual.put(k, fields(r)));
        Map<String, String> expected = new TreeMap<>();
        for (String line : sourceRows) {
            String[] parts = line.split(", ", -1);
            StringBuilder k = new StringBuilder();
            for (int i = 0; i < keyFields; i++) {
                k.append(parts[i]).append('|');
            }
            expected.put(k.toString(), line);
        }
        // The differing keys first: a whole-map message is cut off after 1 000 entries.
        Map<String, String> differences = new TreeMap<>();
        expected.forEach(
                (k, v) -> {
                    if (!v.equals(actual.get(k))) {
                        differences.put(k, "expected " + v + ", got " + actual.get(k));
                    }
                });
        actual.forEach(
                (k, v) ->
                        differences.putIfAbsent(k, expected.containsKey(k) ? null : "extra " + v));
        differences.values().removeIf(java.util.Objects::isNull);
        assertThat(differences).as("rows that differ from the source table").isEmpty();
        assertThat(actual).isEqualTo(expected);
        return table;
    }

    private static String fields(Row r) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < r.getArity(); i++) {
            sb.append(i == 0 ? "" : ", ").append(r.getField(i));
        }
        return sb.toString();
    }
}
