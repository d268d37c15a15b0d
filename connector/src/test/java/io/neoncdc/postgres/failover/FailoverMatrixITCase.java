package io.neoncdc.postgres.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.testutil.ChangelogJob;
import io.neoncdc.postgres.testutil.FaultInjector;
import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.RandomWriter;
import io.neoncdc.postgres.testutil.TestDatabase;
import io.neoncdc.postgres.testutil.Throttle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
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
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The failover matrix: {task failure, JobManager failover} × {during a chunk, between chunks, after
 * the last chunk before the stream starts, inside a large transaction in the stream, between a
 * checkpoint and its notification, right after a restore} × parallelism {1, 2}, with writers
 * running random multi-statement transactions (key changes included) throughout. Every cell: the
 * retract stream is exact and materializes to the source table.
 */
class FailoverMatrixITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberSlotsPerTaskManager(4)
                            .withHaLeadershipControl()
                            .build());

    private static final int ROWS = 3_000;
    private static final int BIG_TXN = 4_000;

    /** 1 and 2; the second Flink line's CI pass runs 2 only (-Dneoncdc.failover.parallelism). */
    private static final int[] PARALLELISMS =
            Arrays.stream(System.getProperty("neoncdc.failover.parallelism", "1,2").split(","))
                    .mapToInt(p -> Integer.parseInt(p.trim()))
                    .toArray();

    static Stream<Arguments> cells() {
        List<Arguments> cells = new ArrayList<>();
        for (String kind : new String[] {"task", "jobmanager"}) {
            for (String point :
                    new String[] {
                        "during-chunk",
                        "between-chunks",
                        "before-stream",
                        "large-transaction",
                        "before-notification",
                        "after-restore"
                    }) {
                for (int parallelism : PARALLELISMS) {
                    cells.add(Arguments.of(kind, point, parallelism));
                }
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} failure {1}, parallelism {2}")
    @MethodSource("cells")
    @Timeout(180)
    void exactlyOnce(
            String kind, String point, int parallelism, @InjectMiniCluster MiniCluster cluster)
            throws Exception {
        TestDatabase db =
                PostgresTestServer.get()
                        .createDatabase(
                                "fm_"
                                        + kind.charAt(0)
                                        + parallelism
                                        + "_"
                                        + point.replace('-', '_'));
        db.createIdTable("t", ROWS);
        long at = threshold(point);
        Configuration config = new Configuration();
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 5);
        config.set(
                RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        ChangelogJob job = new ChangelogJob(parallelism, 200, config, null);
        String id = job.collectorId();
        job.through(new Throttle(id, 30_000));
        if (kind.equals("task")) {
            FaultInjector.Point p =
                    point.equals("before-notification")
                            ? FaultInjector.Point.IN_NOTIFICATION
                            : point.equals("after-restore")
                                    ? FaultInjector.Point.AT_ROW_AND_AFTER_RESTORE
                                    : FaultInjector.Point.AT_ROW;
            job.through(new FaultInjector(id + "-fault", p, at));
        }
        try (RandomWriter writer = RandomWriter.onIds(db, "t", ROWS * 2).start(2, 17)) {
            job.start(
                    "SELECT * FROM t",
                    "CREATE TABLE t (id BIGINT, v INT, s STRING) "
                            + db.withClause("t", "scan.snapshot.chunk.size", "150"));
            awaitSeen(id, ROWS);
            // One large transaction right after the snapshot: the stream is inside it around
            // the 'large-transaction' threshold.
            db.execute(
                    "INSERT INTO t SELECT g, 1, 'big' FROM generate_series(1000000, "
                            + (1000000 + BIG_TXN - 1)
                            + ") g");
            if (kind.equals("jobmanager")) {
                awaitSeen(id, at);
                failOver(cluster, job.client().getJobID());
                if (point.equals("after-restore")) {
                    awaitSeen(id, Throttle.seen(id) + 1);
                    failOver(cluster, job.client().getJobID());
                }
            }
            awaitSeen(id, ROWS + BIG_TXN + 500);
            writer.close();
            db.execute("INSERT INTO t VALUES (999999, -1, 'sentinel')");
            job.awaitCommitted(r -> "sentinel".equals(r.getField(2)), Duration.ofSeconds(120));
            job.cancel();
            if (kind.equals("task")) {
                assertThat(FaultInjector.failures(id + "-fault"))
                        .as("failures injected")
                        .isPositive();
            }
            job.assertMaterializesTo(db.queryRows("SELECT id, v, s FROM t"), 1);
        }
    }

    private static long threshold(String point) {
        switch (point) {
            case "during-chunk":
            case "before-notification":
            case "after-restore":
                return ROWS / 3;
            case "between-chunks":
                return ROWS / 2;
            case "before-stream":
                return ROWS - 20;
            default:
                return ROWS + BIG_TXN / 2;
        }
    }

    private static void awaitSeen(String id, long rows) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (Throttle.seen(id) < rows && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    /** Revokes and re-grants the JobMaster's leadership: a new JobMaster restores the job. */
    private static void failOver(MiniCluster cluster, JobID job) throws Exception {
        HaLeadershipControl ha = cluster.getHaLeadershipControl().orElseThrow();
        ha.revokeJobMasterLeadership(job).get();
        ha.grantJobMasterLeadership(job).get();
    }
}
