package io.neoncdc.postgres.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.neoncdc.postgres.testutil.ChangelogJob;
import io.neoncdc.postgres.testutil.FailOnce;
import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.RandomWriter;
import io.neoncdc.postgres.testutil.TestDatabase;
import io.neoncdc.postgres.validation.FailingJob;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Generated columns: the snapshot reads what the stream carries and the connector computes nothing.
 * On PostgreSQL 18 a publication the connector creates publishes stored generated columns, so a
 * declared one is exact in both paths; before 18 (pgoutput cannot send them), with a publication
 * that does not publish them, or for a virtual one, a declared generated column fails at start
 * naming the reason and the fix; left undeclared, it is read by neither path.
 */
class GeneratedColumnsITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final int ROWS = 5_000;
    private static final String TABLE =
            "CREATE TABLE gen (id bigint PRIMARY KEY, v int, s text,"
                    + " g int GENERATED ALWAYS AS (v * 2) STORED)";

    private static int version(TestDatabase db) {
        return Integer.parseInt(db.queryValue("SHOW server_version_num"));
    }

    private static TestDatabase table(String name) {
        TestDatabase db = PostgresTestServer.get().createDatabase(name);
        db.execute(
                TABLE,
                "INSERT INTO gen SELECT g, g % 100, 'row' || g FROM generate_series(0, "
                        + (ROWS - 1)
                        + ") g",
                "ANALYZE gen");
        return db;
    }

    @Test
    @Timeout(300)
    void declaredStoredGeneratedColumn() throws Exception {
        TestDatabase db = table("generated_declared");
        String ddl =
                "CREATE TABLE t (id BIGINT, v INT, s STRING, g INT, PRIMARY KEY (id) NOT"
                        + " ENFORCED) "
                        + db.withClause("gen", "scan.snapshot.chunk.size", "1000");
        if (version(db) < 180000) {
            assertThat(FailingJob.messages(ddl))
                    .contains("Column 'g' of table public.gen is declared")
                    .contains("stored generated column")
                    .contains("PostgreSQL before 18 does not send generated columns")
                    .contains("g AS <expression>");
            return;
        }
        // PostgreSQL 18: the publication the connector creates sends stored generated columns.
        exact(db, ddl, "SELECT id, v, s, g FROM gen");
        assertThat(db.queryValue("SELECT pubgencols FROM pg_publication")).isEqualTo("s");
    }

    @Test
    @Timeout(300)
    void undeclaredGeneratedColumnIsReadByNeitherPath() throws Exception {
        TestDatabase db = table("generated_left_out");
        exact(
                db,
                "CREATE TABLE t (id BIGINT, v INT, s STRING, PRIMARY KEY (id) NOT ENFORCED) "
                        + db.withClause("gen", "scan.snapshot.chunk.size", "1000"),
                "SELECT id, v, s FROM gen");
    }

    @Test
    @Timeout(120)
    void publicationWithoutGeneratedColumnsOrAVirtualColumnFails() throws Exception {
        TestDatabase db = table("generated_refused");
        assumeThat(version(db))
                .as("publish_generated_columns and virtual columns exist from 18 on")
                .isGreaterThanOrEqualTo(180000);
        db.execute(
                "ALTER TABLE gen ADD COLUMN w int GENERATED ALWAYS AS (v * 3) VIRTUAL",
                "CREATE PUBLICATION user_pub FOR TABLE gen");
        assertThat(
                        FailingJob.messages(
                                "CREATE TABLE t (id BIGINT, v INT, g INT, PRIMARY KEY (id) NOT"
                                        + " ENFORCED) "
                                        + db.withClause("gen", "publication.name", "user_pub")))
                .contains("Column 'g' of table public.gen is declared")
                .contains("publication 'user_pub' does not publish those")
                .contains(
                        "ALTER PUBLICATION \"user_pub\" SET (publish_generated_columns ="
                                + " stored);");
        assertThat(
                        FailingJob.messages(
                                "CREATE TABLE t (id BIGINT, v INT, w INT, PRIMARY KEY (id) NOT"
                                        + " ENFORCED) "
                                        + db.withClause("gen", "slot.name", "virtual_slot")))
                .contains("Column 'w' of table public.gen is declared")
                .contains("virtual generated column")
                .contains("never sends virtual generated columns");
    }

    /** Snapshot and stream under concurrent writers and one failure: exact, like the table. */
    private static void exact(TestDatabase db, String ddl, String source) throws Exception {
        Configuration config = new Configuration();
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        config.set(
                RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        try (RandomWriter writer = RandomWriter.onIds(db, "gen", ROWS + ROWS / 2).start(2, 11)) {
            ChangelogJob job = new ChangelogJob(2, 200, config, null);
            job.through(new FailOnce(job.collectorId(), ROWS / 2, 200))
                    .start("SELECT * FROM t", ddl);
            job.awaitCommitted(r -> true, Duration.ofSeconds(120));
            writer.awaitMoreCommits(200, Duration.ofSeconds(60));
            writer.close();
            assertThat(writer.commits()).isGreaterThan(200);
            db.execute("INSERT INTO gen (id, v, s) VALUES (999999, 21, 'sentinel')");
            job.awaitCommitted(r -> "sentinel".equals(r.getField(2)), Duration.ofSeconds(120));
            job.cancel();
            assertThat(FailOnce.failed(job.collectorId())).as("the failure was injected").isTrue();
            job.assertMaterializesTo(db.queryRows(source), 1);
            if (source.contains(", g ")) {
                assertThat(job.committed())
                        .as("the generated value travels in snapshot rows and stream changes")
                        .allMatch(
                                (Row r) ->
                                        r.getField(3) != null
                                                && (int) r.getField(3) == 2 * (int) r.getField(1));
            }
        }
    }
}
