package io.neoncdc.postgres.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import org.apache.flink.types.RowKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A publication the connector did not create, with a row filter or a column list (PostgreSQL 15+):
 * the snapshot reads exactly the rows and columns the stream carries, so under concurrent writers
 * (whose updates move rows into and out of the filter, arriving as inserts and deletes) and one
 * failure the changelog is exact and materializes to the filtered table; a declared column outside
 * the column list fails at start. Before 15 such publications cannot exist.
 */
class PublicationFilterITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final int ROWS = 6_000;
    private static final String DECLARED =
            "CREATE TABLE t (id BIGINT, v INT, s STRING, PRIMARY KEY (id) NOT ENFORCED) ";

    private static TestDatabase table(String name, String identity) {
        TestDatabase db = PostgresTestServer.get().createDatabase(name);
        db.execute(
                "CREATE TABLE f (id bigint PRIMARY KEY, v int, s text, secret text)",
                "ALTER TABLE f REPLICA IDENTITY " + identity,
                "INSERT INTO f SELECT g, g % 100, 'row' || g, 'x' || g FROM generate_series(0, "
                        + (ROWS - 1)
                        + ") g",
                "ANALYZE f");
        return db;
    }

    private static int version(TestDatabase db) {
        return Integer.parseInt(db.queryValue("SHOW server_version_num"));
    }

    @Test
    @Timeout(300)
    void rowFilterAndColumnListWithDefaultIdentity() throws Exception {
        TestDatabase db = table("pubfilter_default", "DEFAULT");
        if (version(db) < 150000) {
            assertThatThrownBy(
                            () ->
                                    db.execute(
                                            "CREATE PUBLICATION user_pub FOR TABLE f (id, v, s)"
                                                    + " WHERE (id % 3 <> 0)"))
                    .as("no row filters or column lists before PostgreSQL 15")
                    .hasMessageContaining("syntax error");
            db.execute("CREATE PUBLICATION user_pub FOR TABLE f");
            exact(db, "SELECT id, v, s FROM f");
            return;
        }
        // With the default identity a filter may only use key columns: key changes move rows.
        db.execute("CREATE PUBLICATION user_pub FOR TABLE f (id, v, s) WHERE (id % 3 <> 0)");
        exact(db, "SELECT id, v, s FROM f WHERE id % 3 <> 0");
    }

    @Test
    @Timeout(300)
    void rowFilterOnAFullIdentityTable() throws Exception {
        TestDatabase db = table("pubfilter_full", "FULL");
        assumeThat(version(db)).as("row filters exist from 15 on").isGreaterThanOrEqualTo(150000);
        // Every update (v = v + 1) moves a row into or out of the filter.
        db.execute("CREATE PUBLICATION user_pub FOR TABLE f WHERE (v % 2 = 0)");
        exact(db, "SELECT id, v, s FROM f WHERE v % 2 = 0");
    }

    @Test
    @Timeout(120)
    void declaredColumnOutsideTheColumnListFails() throws Exception {
        TestDatabase db = table("pubfilter_columns", "DEFAULT");
        assumeThat(version(db)).as("column lists exist from 15 on").isGreaterThanOrEqualTo(150000);
        db.execute("CREATE PUBLICATION user_pub FOR TABLE f (id, v, s)");
        assertThat(
                        FailingJob.messages(
                                "CREATE TABLE t (id BIGINT, secret STRING, PRIMARY KEY (id) NOT"
                                        + " ENFORCED) "
                                        + db.withClause("f", "publication.name", "user_pub")))
                .contains("Column 'secret' of table public.f is declared")
                .contains("not in the column list of public.f in publication 'user_pub' (id, v, s)")
                .contains("computes nothing");
    }

    /** Snapshot and stream under concurrent writers and one failure: exact, like the query. */
    private static void exact(TestDatabase db, String expected) throws Exception {
        Configuration config = new Configuration();
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        config.set(
                RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        try (RandomWriter writer = RandomWriter.onIds(db, "f", ROWS + ROWS / 2).start(2, 5)) {
            ChangelogJob job = new ChangelogJob(2, 200, config, null);
            job.through(new FailOnce(job.collectorId(), ROWS / 3, 200))
                    .start(
                            "SELECT * FROM t",
                            DECLARED
                                    + db.withClause(
                                            "f",
                                            "publication.name",
                                            "user_pub",
                                            "scan.snapshot.chunk.size",
                                            "1000"));
            job.awaitCommitted(r -> true, Duration.ofSeconds(120));
            writer.awaitMoreCommits(300, Duration.ofSeconds(60));
            writer.close();
            assertThat(writer.commits()).isGreaterThan(300);
            // 1 000 000 passes both filters.
            db.execute("INSERT INTO f (id, v, s) VALUES (1000000, 42, 'sentinel')");
            job.awaitCommitted(r -> "sentinel".equals(r.getField(2)), Duration.ofSeconds(120));
            job.cancel();
            assertThat(FailOnce.failed(job.collectorId())).as("the failure was injected").isTrue();
            job.assertMaterializesTo(db.queryRows(expected), 1);
            assertThat(job.committed())
                    .as("changes were streamed")
                    .anyMatch(r -> r.getKind() == RowKind.DELETE)
                    .anyMatch(r -> r.getKind() == RowKind.UPDATE_AFTER);
        }
    }
}
