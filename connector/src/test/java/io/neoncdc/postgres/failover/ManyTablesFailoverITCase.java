package io.neoncdc.postgres.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.testutil.ChangelogJob;
import io.neoncdc.postgres.testutil.FailOnce;
import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 13 item 0, as a user met it: twelve {@code neon-postgres-cdc} tables (each its own slot,
 * one publication) in one {@code UNION ALL} job at parallelism 2, writers on three of them, and a
 * task failure thrown by a map after the sources while the snapshots run. All sources share one
 * failover region, so every reader restarts while every enumerator keeps its state. The retract
 * stream must be exact (no insert of a present key, no retraction of an absent or stale row) and
 * materialize to the tables.
 */
class ManyTablesFailoverITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberSlotsPerTaskManager(2)
                            .setConfiguration(smallNetworkBuffers())
                            .build());

    private static final int TABLES = 12;
    private static final int ROWS = 2_000;
    private static final long SENTINEL = 10_000_000L;
    private static final List<String> WRITTEN = List.of("t02", "t07", "t11");

    /**
     * Small network buffers: the sources feel the sink's pace (as with a real sink) instead of
     * emitting every snapshot row into buffers at once, so chunks are emitted across checkpoints
     * and checkpoint barriers do not queue behind seconds of buffered rows.
     */
    private static Configuration smallNetworkBuffers() {
        Configuration c = new Configuration();
        c.set(TaskManagerOptions.MEMORY_SEGMENT_SIZE, MemorySize.parse("4kb"));
        return c;
    }

    @ParameterizedTest(
            name = "run {0}: chunk size {1}, fail after {2} table(s) of {3}, second failure {4}")
    @CsvSource({
        "1, 32768, 1, written, false",
        "2, 500, 2, written, false",
        "3, 700, 4, all, false"
    })
    @Timeout(240)
    void taskFailuresAroundTheLastChunksAreExact(
            int run, int chunkSize, int nthTable, String counted, boolean secondFailure)
            throws Exception {
        TestDatabase db = PostgresTestServer.get().createDatabase("many_tables_" + run);
        List<String> tables =
                IntStream.rangeClosed(1, TABLES)
                        .mapToObj(i -> String.format("t%02d", i))
                        .collect(Collectors.toList());
        for (String t : tables) {
            db.execute(
                    "CREATE TABLE " + t + " (id bigint PRIMARY KEY, a int, b text, c bigint)",
                    "ALTER TABLE " + t + " REPLICA IDENTITY FULL",
                    "INSERT INTO "
                            + t
                            + " SELECT g, g % 97, repeat('x', 600) || g, g * 7"
                            + " FROM generate_series(0, "
                            + (ROWS - 1)
                            + ") g",
                    "ANALYZE " + t);
        }
        db.execute("CREATE PUBLICATION many_pub FOR TABLE " + String.join(", ", tables));
        Random random = new Random(run * 31L);
        Configuration config = new Configuration();
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 5);
        config.set(
                RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        ChangelogJob job = new ChangelogJob(2, 1000, config, null);
        String id = job.collectorId();
        // The first stage paces the job like a real sink. The failure comes right after the
        // nth table has passed (about) its snapshot rows: the last chunks of tables were reported
        // since the last checkpoint. A second, optional failure comes at a random row.
        List<String> faults = new ArrayList<>();
        job.through(new FailOnce(id + "-pace", Long.MAX_VALUE, 8));
        faults.add(id + "-after-tables");
        Map<String, Long> counts = new TreeMap<>();
        for (String t : tables) {
            if (WRITTEN.contains(t)) {
                counts.put(t, ROWS * 19L / 20); // its size drifts while it is read
            } else if (counted.equals("all")) {
                counts.put(t, (long) ROWS);
            }
        }
        job.through(new FailAfterTables(faults.get(0), counts, nthTable));
        if (secondFailure) {
            faults.add(id + "-random");
            job.through(new FailOnce(faults.get(1), 2_000 + random.nextInt(10_000), 0));
        }
        List<String> ddl = new ArrayList<>();
        for (String t : tables) {
            ddl.add(
                    "CREATE TABLE "
                            + t
                            + " (id BIGINT, a INT, b STRING, c BIGINT) "
                            + db.withClause(
                                    t,
                                    "slot.name",
                                    db.name() + "_" + t,
                                    "publication.name",
                                    "many_pub",
                                    "scan.snapshot.chunk.size",
                                    String.valueOf(chunkSize)));
        }
        String query =
                tables.stream()
                        .map(t -> "SELECT '" + t + "' AS tbl, id, a, b, c FROM " + t)
                        .collect(Collectors.joining(" UNION ALL "));
        try (MixedWriter writer = new MixedWriter(db, ROWS * 3 / 2)) {
            writer.start(run, WRITTEN.toArray(new String[0]));
            job.start(query, ddl.toArray(new String[0]));
            long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
            while (!faults.stream().allMatch(ManyTablesFailoverITCase::failed)
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(faults).as("failures injected").allMatch(ManyTablesFailoverITCase::failed);
            writer.close();
            assertThat(writer.commits()).as("writer commits").isPositive();
        }
        for (String t : tables) {
            db.execute("INSERT INTO " + t + " VALUES (" + SENTINEL + ", 0, 'sentinel', 0)");
        }
        for (String t : tables) {
            job.awaitCommitted(
                    r -> t.equals(r.getField(0)) && "sentinel".equals(r.getField(3)),
                    Duration.ofSeconds(120));
        }
        job.cancel();
        List<String> anomalies = anomalies(job.committed());
        assertThat(anomalies).as("anomalies in the retract stream").isEmpty();
        List<String> expected = new ArrayList<>();
        for (String t : tables) {
            db.queryRows("SELECT id, a, b, c FROM " + t).forEach(r -> expected.add(t + ", " + r));
        }
        job.assertMaterializesTo(expected, 2);
    }

    private static boolean failed(String fault) {
        return fault.endsWith("-random") ? FailOnce.failed(fault) : FailAfterTables.failed(fault);
    }

    /** Every change a table could not have made, keyed by (table, id); at most 20 listed. */
    private static List<String> anomalies(List<Row> changes) {
        Map<String, String> table = new TreeMap<>();
        List<String> found = new ArrayList<>();
        int n = 0;
        int total = 0;
        for (Row change : changes) {
            String key = change.getField(0) + "|" + change.getField(1);
            Row value = Row.copy(change);
            value.setKind(RowKind.INSERT);
            String current = table.get(key);
            String problem = null;
            switch (change.getKind()) {
                case INSERT:
                case UPDATE_AFTER:
                    if (current != null) {
                        problem = "insert of present key";
                    }
                    table.put(key, value.toString());
                    break;
                default:
                    if (current == null) {
                        problem = "retraction of absent key";
                    } else if (!Objects.equals(current, value.toString())) {
                        problem = "retraction of stale row (current " + current + ")";
                    }
                    table.remove(key);
            }
            if (problem != null) {
                total++;
                if (found.size() < 20) {
                    found.add("#" + n + " " + change + ": " + problem);
                }
            }
            n++;
        }
        if (total > found.size()) {
            found.add("… " + total + " in all");
        }
        return found;
    }
}
