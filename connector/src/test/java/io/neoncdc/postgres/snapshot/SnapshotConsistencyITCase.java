package io.neoncdc.postgres.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.testutil.Changelog;
import io.neoncdc.postgres.testutil.ChangelogJob;
import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.RandomWriter;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.time.Duration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.assertj.core.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The snapshot is exact with concurrent writers: inserts, updates, key moves between chunks and
 * deletes in multi-statement (some long) transactions, while many small chunks are read in
 * parallel; the retract stream never contradicts itself and ends equal to the table.
 */
class SnapshotConsistencyITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(4)
                            .build());

    private static final int ROWS = 20_000;

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 2, 4})
    @Timeout(240)
    void bigintKey(int parallelism) throws Exception {
        TestDatabase db = PostgresTestServer.get().createDatabase("snap_bigint_p" + parallelism);
        db.execute(
                "CREATE TABLE t (id bigint PRIMARY KEY, v int, s text)",
                "ALTER TABLE t REPLICA IDENTITY FULL",
                "INSERT INTO t SELECT g, g % 100, 'row' || g FROM generate_series(0, "
                        + (ROWS - 1)
                        + ") g",
                "ANALYZE t",
                "CREATE PUBLICATION neon_cdc_pub FOR TABLE t");
        run(db, parallelism, "id BIGINT", new String[] {"id"}, n -> new Object[] {(long) n}, 1);
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {2})
    @Timeout(240)
    void textKeyUnderLinguisticCollation(int parallelism) throws Exception {
        TestDatabase db = PostgresTestServer.get().createDatabase("snap_text_p" + parallelism);
        db.execute(
                "CREATE TABLE t (id text COLLATE \"en-x-icu\" PRIMARY KEY, v int, s text)",
                "ALTER TABLE t REPLICA IDENTITY FULL",
                "INSERT INTO t SELECT "
                        + TEXT_KEY_SQL
                        + ", g % 100, 'row' || g FROM generate_series(0, "
                        + (ROWS - 1)
                        + ") g",
                "ANALYZE t",
                "CREATE PUBLICATION neon_cdc_pub FOR TABLE t");
        // Java's String order and en-x-icu disagree on these keys (case, accents).
        assertThat(db.queryValue("SELECT 'b' < 'A' COLLATE \"en-x-icu\"")).isEqualTo("f");
        run(db, parallelism, "id STRING", new String[] {"id"}, n -> new Object[] {textKey(n)}, 1);
    }

    /**
     * Text keys under the {@code default} collation of a database whose collation is C sort in byte
     * order: the hand-over window places them in Java, with no database round trip per change
     * (review §12), and the result is as exact as with the round trips.
     */
    @Test
    @Timeout(240)
    void textKeyUnderDefaultCollationOfCDatabaseIsPlacedWithoutQueries() throws Exception {
        long queries = PostgresKeyOrder.queries();
        long placed = JavaKeyOrder.placed();
        // Whether a write lands in a hand-over window is up to timing: a run whose writes all
        // fell into the snapshots placed nothing and proves nothing, so try again (at most 3).
        for (int attempt = 1; attempt <= 3 && JavaKeyOrder.placed() == placed; attempt++) {
            TestDatabase db =
                    PostgresTestServer.get()
                            .createDatabase(
                                    "snap_text_c",
                                    "TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE"
                                            + " 'C'");
            db.execute(
                    "CREATE TABLE t (id text PRIMARY KEY, v int, s text)",
                    "ALTER TABLE t REPLICA IDENTITY FULL",
                    "INSERT INTO t SELECT "
                            + TEXT_KEY_SQL
                            + ", g % 100, 'row' || g FROM generate_series(0, "
                            + (ROWS - 1)
                            + ") g",
                    "ANALYZE t",
                    "CREATE PUBLICATION neon_cdc_pub FOR TABLE t");
            assertThat(db.queryValue("SELECT 'b' < 'A'")).isEqualTo("f"); // byte order
            // The snapshot, without round trips, absorbs most writes: fewer changes than rows.
            fewChangesExpected = true;
            run(db, 2, "id STRING", new String[] {"id"}, n -> new Object[] {textKey(n)}, 1);
        }
        assertThat(PostgresKeyOrder.queries() - queries)
                .as("key placement queries for a byte-ordered text key")
                .isZero();
        // No write in any hand-over window in 3 runs (a fast, idle machine): nothing was placed
        // and the test proves nothing, so it is reported as skipped, never as passed.
        Assumptions.assumeThat(JavaKeyOrder.placed() - placed)
                .as("keys of the hand-over window placed in Java")
                .isPositive();
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {2})
    @Timeout(240)
    void compositeKey(int parallelism) throws Exception {
        TestDatabase db = PostgresTestServer.get().createDatabase("snap_comp_p" + parallelism);
        db.execute(
                "CREATE TABLE t (a int, b text, v int, s text, PRIMARY KEY (a, b))",
                "ALTER TABLE t REPLICA IDENTITY FULL",
                "INSERT INTO t SELECT g % 50, 'k' || (g / 50), g % 100, 'row' || g FROM"
                        + " generate_series(0, "
                        + (ROWS - 1)
                        + ") g",
                "ANALYZE t",
                "CREATE PUBLICATION neon_cdc_pub FOR TABLE t");
        run(
                db,
                parallelism,
                "a INT, b STRING",
                new String[] {"a", "b"},
                n -> new Object[] {n % 50, "k" + (n / 50)},
                2);
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {2})
    @Timeout(240)
    void keylessTableReadByPageRangesUnderOneSnapshot(int parallelism) throws Exception {
        TestDatabase db = PostgresTestServer.get().createDatabase("snap_keyless_p" + parallelism);
        db.execute(
                // No primary key: chunks are page ranges. The unique index only lets the writers
                // use ON CONFLICT; the connector does not use it.
                "CREATE TABLE t (id bigint NOT NULL, v int, s text)",
                "CREATE UNIQUE INDEX t_id ON t (id)",
                "ALTER TABLE t REPLICA IDENTITY FULL",
                "INSERT INTO t SELECT g, g % 100, 'row' || g FROM generate_series(0, "
                        + (ROWS - 1)
                        + ") g",
                "ANALYZE t",
                "CREATE PUBLICATION neon_cdc_pub FOR TABLE t");
        run(db, parallelism, "id BIGINT", new String[] {"id"}, n -> new Object[] {(long) n}, 1);
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {2})
    @Timeout(240)
    void nonUniqueChunkKeyColumnOfAKeylessTable(int parallelism) throws Exception {
        TestDatabase db = PostgresTestServer.get().createDatabase("snap_keycol_p" + parallelism);
        db.execute(
                "CREATE TABLE t (id bigint NOT NULL, v int NOT NULL, s text)",
                "CREATE UNIQUE INDEX t_id ON t (id)",
                "ALTER TABLE t REPLICA IDENTITY FULL",
                // 100 distinct values, 200 rows each: more equal values than a chunk holds.
                "INSERT INTO t SELECT g, g % 100, 'row' || g FROM generate_series(0, "
                        + (ROWS - 1)
                        + ") g",
                "ANALYZE t",
                "CREATE PUBLICATION neon_cdc_pub FOR TABLE t");
        chunkKeyColumn = "v";
        // Chunks by a column the writers update: a row that moves between chunks while they are
        // read can be in two chunks (or none); as a multiset of rows the stream is still exact.
        multiset = true;
        run(db, parallelism, "id BIGINT", new String[] {"id"}, n -> new Object[] {(long) n}, 1);
    }

    private boolean multiset;

    private boolean fewChangesExpected;

    private String chunkKeyColumn;

    /** Keys whose ICU order differs from Java's: mixed case and accents. */
    private static final String TEXT_KEY_SQL =
            "(ARRAY['a','B','é','Z','ä','c'])[1 + g % 6] || lpad(g::text, 6, '0')";

    private static String textKey(int n) {
        String[] prefixes = {"a", "B", "é", "Z", "ä", "c"};
        return prefixes[n % 6] + String.format("%06d", n);
    }

    private void run(
            TestDatabase db,
            int parallelism,
            String keyDdl,
            String[] keyColumns,
            java.util.function.IntFunction<Object[]> keyOf,
            int keyFields)
            throws Exception {
        String keyList = String.join(", ", keyColumns);
        try (RandomWriter writer =
                new RandomWriter(db, "t", keyColumns, keyOf, ROWS + ROWS / 2).start(3, 42)) {
            Thread.sleep(300);
            ChangelogJob job = new ChangelogJob(parallelism, 200);
            job.start(
                    "SELECT * FROM t",
                    "CREATE TABLE t ("
                            + keyDdl
                            + ", v INT, s STRING) "
                            + (chunkKeyColumn == null
                                    ? db.withClause("t", "scan.snapshot.chunk.size", "300")
                                    : db.withClause(
                                            "t",
                                            "scan.snapshot.chunk.size",
                                            "300",
                                            "scan.snapshot.chunk.key-column",
                                            chunkKeyColumn)));
            Thread.sleep(6000);
            writer.close();
            assertThat(writer.commits()).isGreaterThan(100);
            db.execute(
                    "INSERT INTO t ("
                            + keyList
                            + ", v, s) VALUES ("
                            + sentinelValues(keyColumns.length)
                            + ", -1, 'sentinel')");
            job.awaitCommitted(
                    r -> "sentinel".equals(r.getField(r.getArity() - 1)), Duration.ofSeconds(120));
            job.cancel();
            if (multiset) {
                java.util.Map<String, Integer> expected = new java.util.TreeMap<>();
                for (String r : db.queryRows("SELECT " + keyList + ", v, s FROM t")) {
                    expected.merge("+I[" + r + "]", 1, Integer::sum);
                }
                assertThat(Changelog.applyMultiset(job.committed())).isEqualTo(expected);
            } else {
                job.assertMaterializesTo(
                        db.queryRows("SELECT " + keyList + ", v, s FROM t"), keyFields);
            }
            if (!fewChangesExpected) {
                assertThat(job.committed().size()).isGreaterThan(ROWS);
            }
        }
    }

    private static String sentinelValues(int keys) {
        return keys == 1 ? "'999999'" : "999999, 'zzz'";
    }
}
