package io.neoncdc.postgres.flinkcatalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.testutil.Changelog;
import io.neoncdc.postgres.testutil.ChangelogJob;
import io.neoncdc.postgres.testutil.CommittedCollector;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;

/**
 * Statement-set jobs over a neon-postgres-cdc catalog into {@code committed-collector} sinks, and
 * the checks of their exactly-once output.
 */
final class CatalogJobs {
    static final long SENTINEL = 10_000_000L;

    private CatalogJobs() {}

    /** A table environment with checkpoints and fixed-delay restarts. */
    static StreamTableEnvironment tableEnv(Configuration conf, int parallelism, long checkpoints) {
        conf.setString("restart-strategy.type", "fixed-delay");
        conf.setString("restart-strategy.fixed-delay.attempts", "5");
        conf.setString("restart-strategy.fixed-delay.delay", "200 ms");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        env.enableCheckpointing(checkpoints);
        return StreamTableEnvironment.create(env);
    }

    /** {@code CREATE CATALOG neon} over {@code db}, with extra options as key/value pairs. */
    static String catalogDdl(TestDatabase db, String slot, String... extra) {
        Map<String, String> options = new LinkedHashMap<>(db.connectionOptions());
        options.put("slot.name", slot);
        for (int i = 0; i + 1 < extra.length; i += 2) {
            options.put(extra[i], extra[i + 1]);
        }
        StringBuilder ddl =
                new StringBuilder("CREATE CATALOG neon WITH ('type' = 'neon-postgres-cdc'");
        options.forEach(
                (k, v) -> ddl.append(", '").append(k).append("' = '").append(v).append("'"));
        return ddl.append(")").toString();
    }

    /**
     * Adds {@code INSERT INTO <sink> <select>} to the set, into a new collector sink {@code (id
     * BIGINT, v INT, s STRING)}; {@code failAfter} > 0 fails the sink once after that many rows.
     */
    static void insert(
            StreamTableEnvironment tEnv,
            StatementSet set,
            String sink,
            String collector,
            String select,
            long failAfter) {
        tEnv.executeSql(
                "CREATE TABLE "
                        + sink
                        + " (id BIGINT, v INT, s STRING) WITH ('connector' ="
                        + " 'committed-collector', 'collector-id' = '"
                        + collector
                        + "'"
                        + (failAfter > 0 ? ", 'fail-after' = '" + failAfter + "'" : "")
                        + ")");
        set.addInsertSql("INSERT INTO " + sink + " " + select);
    }

    /** Waits until the collector published the sentinel row (id {@link #SENTINEL}). */
    static void awaitSentinel(JobClient job, String collector) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        while (System.nanoTime() < deadline) {
            if (CommittedCollector.committed(collector).stream()
                    .anyMatch(r -> Long.valueOf(SENTINEL).equals(r.getField(0)))) {
                return;
            }
            if (job.getJobStatus().get().isGloballyTerminalState()) {
                job.getJobExecutionResult().get();
                throw new AssertionError("The job ended");
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No sentinel in " + collector);
    }

    /**
     * The collector's retract stream is exact (no insert of a present key, no retraction of an
     * absent or different row) and materializes to {@code sourceRows} ("id, v, s").
     */
    static void assertExact(String collector, List<String> sourceRows) {
        List<Row> committed = CommittedCollector.committed(collector);
        Map<String, Row> table = Changelog.apply(committed, r -> ChangelogJob.key(r, 1));
        Map<String, String> actual = new TreeMap<>();
        table.forEach(
                (k, r) ->
                        actual.put(k, r.getField(0) + ", " + r.getField(1) + ", " + r.getField(2)));
        Map<String, String> expected = new TreeMap<>();
        for (String line : sourceRows) {
            expected.put(line.split(", ", -1)[0] + "|", line);
        }
        assertThat(actual).as(collector).isEqualTo(expected);
    }
}
