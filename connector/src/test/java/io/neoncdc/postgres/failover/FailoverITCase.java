package io.neoncdc.postgres.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.testutil.ChangelogJob;
import io.neoncdc.postgres.testutil.FailOnce;
import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.RandomWriter;
import io.neoncdc.postgres.testutil.TestDatabase;
import io.neoncdc.postgres.testutil.Throttle;
import java.time.Duration;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.highavailability.nonha.embedded.HaLeadershipControl;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Exactly-once across TaskManager-side task failures and JobManager failover (the enumerator is
 * restored from the checkpoint), during the snapshot, at the switch to streaming and while
 * streaming, with concurrent writers at parallelism 2.
 */
class FailoverITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberSlotsPerTaskManager(4)
                            .withHaLeadershipControl()
                            .build());

    private static final int ROWS = 12_000;

    @ParameterizedTest(name = "{0} failure {1}")
    @CsvSource({
        "task, during-snapshot",
        "task, at-switch",
        "task, during-stream",
        "jobmanager, during-snapshot",
        "jobmanager, at-switch",
        "jobmanager, during-stream"
    })
    @Timeout(240)
    void exactlyOnce(String kind, String when, @InjectMiniCluster MiniCluster cluster)
            throws Exception {
        TestDatabase db =
                PostgresTestServer.get()
                        .createDatabase("fo_" + kind.charAt(0) + "_" + when.replace('-', '_'));
        db.execute(
                "CREATE TABLE t (id bigint PRIMARY KEY, v int, s text)",
                "ALTER TABLE t REPLICA IDENTITY FULL",
                "INSERT INTO t SELECT g, g % 100, 'row' || g FROM generate_series(0, "
                        + (ROWS - 1)
                        + ") g",
                "ANALYZE t");
        long failAt =
                when.equals("during-snapshot")
                        ? ROWS / 3
                        : when.equals("at-switch") ? ROWS : ROWS + 3000;
        Configuration config = new Configuration();
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 5);
        config.set(
                RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(300));
        ChangelogJob job = new ChangelogJob(2, 300, config, null);
        String id = job.collectorId();
        // A slow stage spreads the run over many checkpoints.
        job.through(new Throttle(id, 50_000));
        if (kind.equals("task")) {
            job.through(new FailOnce(id + "-fail", failAt, 0));
        }
        try (RandomWriter writer =
                new RandomWriter(
                                db,
                                "t",
                                new String[] {"id"},
                                n -> new Object[] {(long) n},
                                ROWS + ROWS / 2)
                        .start(2, 11)) {
            job.start(
                    "SELECT * FROM t",
                    "CREATE TABLE t (id BIGINT, v INT, s STRING) "
                            + db.withClause("t", "scan.snapshot.chunk.size", "250"));
            if (kind.equals("jobmanager")) {
                awaitSeen(id, failAt);
                failOverJobManager(cluster, job.client().getJobID());
            }
            awaitSeen(id, ROWS + 6000);
            writer.close();
            db.execute("INSERT INTO t VALUES (999999, -1, 'sentinel')");
            job.awaitCommitted(r -> "sentinel".equals(r.getField(2)), Duration.ofSeconds(150));
            job.cancel();
            if (kind.equals("task")) {
                assertThat(FailOnce.failed(id + "-fail")).as("failure injected").isTrue();
            }
            job.assertMaterializesTo(db.queryRows("SELECT id, v, s FROM t"), 1);
        }
    }

    private static void awaitSeen(String id, long rows) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (Throttle.seen(id) < rows && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** Revokes and re-grants the JobMaster's leadership: a new JobMaster restores the job. */
    private static void failOverJobManager(MiniCluster cluster, JobID job) throws Exception {
        HaLeadershipControl ha = cluster.getHaLeadershipControl().orElseThrow();
        ha.revokeJobMasterLeadership(job).get();
        ha.grantJobMasterLeadership(job).get();
    }
}
