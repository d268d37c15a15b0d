package io.neoncdc.postgres.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.testutil.ChangelogJob;
import io.neoncdc.postgres.testutil.FailOnce;
import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.RandomWriter;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A primary-key table with the default REPLICA IDENTITY, in the default changelog mode, with no
 * ALTER: snapshot and stream under concurrent writers (updates, deletes, key changes, long
 * transactions) and an injected task failure give the exact retract stream (no +I of a held key, no
 * retraction of a missing one, whole old rows) and the source table.
 */
class DefaultIdentityITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(4)
                            .build());

    private static final int ROWS = 20_000;

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 2})
    @Timeout(300)
    void exactUnderWritersAndAFailure(int parallelism) throws Exception {
        TestDatabase db = PostgresTestServer.get().createDatabase("default_ident_p" + parallelism);
        db.execute(
                "CREATE TABLE t (id bigint PRIMARY KEY, v int, s text)",
                "INSERT INTO t SELECT g, g % 100, 'row' || g FROM generate_series(0, "
                        + (ROWS - 1)
                        + ") g",
                "ANALYZE t");
        assertThat(db.queryValue("SELECT relreplident FROM pg_class WHERE relname = 't'"))
                .isEqualTo("d");
        Configuration config = new Configuration();
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        config.set(
                RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        try (RandomWriter writer = RandomWriter.onIds(db, "t", ROWS + ROWS / 2).start(3, 7)) {
            ChangelogJob job = new ChangelogJob(parallelism, 200, config, null);
            String failure = job.collectorId();
            job.through(new FailOnce(failure, ROWS / 2, 200))
                    .start(
                            "SELECT * FROM t",
                            "CREATE TABLE t (id BIGINT, v INT, s STRING, PRIMARY KEY (id) NOT"
                                    + " ENFORCED) "
                                    + db.withClause("t", "scan.snapshot.chunk.size", "1000"));
            job.awaitCommitted(r -> true, Duration.ofSeconds(120));
            writer.awaitMoreCommits(300, Duration.ofSeconds(60));
            writer.close();
            assertThat(writer.commits()).isGreaterThan(300);
            db.execute("INSERT INTO t VALUES (999999, -1, 'sentinel')");
            job.awaitCommitted(r -> "sentinel".equals(r.getField(2)), Duration.ofSeconds(120));
            job.cancel();

            assertThat(FailOnce.failed(failure)).as("the failure was injected").isTrue();
            List<Row> rows = job.committed();
            job.assertMaterializesTo(db.queryRows("SELECT id, v, s FROM t"), 1);
            assertThat(rows)
                    .as("updates and deletes were streamed, with whole old rows")
                    .anyMatch(r -> r.getKind() == RowKind.UPDATE_BEFORE)
                    .anyMatch(r -> r.getKind() == RowKind.DELETE)
                    .filteredOn(
                            r ->
                                    r.getKind() == RowKind.UPDATE_BEFORE
                                            || r.getKind() == RowKind.DELETE)
                    .allMatch(r -> r.getField(1) != null && r.getField(2) != null);
        }
    }
}
