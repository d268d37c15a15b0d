package io.neoncdc.postgres.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.testutil.TestDatabase;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

/**
 * Runs a SQL job over one neon-postgres-cdc table that must fail (no restarts), and returns the
 * failure with the time from submission to failure.
 */
public final class FailingJob {
    /** How long a failing start may take beyond the configured connect.timeout. */
    static final Duration MARGIN = Duration.ofSeconds(15);

    /** A job's failure and how long after submission it arrived. */
    static final class Failure {
        final Throwable error;
        final Duration elapsed;
        final String messages;

        Failure(Throwable error, Duration elapsed) {
            this.error = error;
            this.elapsed = elapsed;
            this.messages = TableSourceFactoryHarness.messages(error);
        }

        /** Asserts the failure arrived within {@code connectTimeout} plus the margin. */
        Failure arrivedWithin(Duration connectTimeout) {
            assertThat(elapsed).isLessThan(connectTimeout.plus(MARGIN));
            return this;
        }
    }

    private FailingJob() {}

    /**
     * Declares {@code CREATE TABLE t (columns) WITH (...)} on {@code table} of the database with
     * the extra options, runs {@code SELECT * FROM t} and waits for the job to fail.
     */
    static Failure run(TestDatabase db, String columns, String table, String... options)
            throws Exception {
        return run(
                "CREATE TABLE t (" + columns + ") " + db.withClause(table, options),
                Duration.ofSeconds(90));
    }

    /** The messages of the failure of {@code SELECT * FROM t} after the DDL declared {@code t}. */
    public static String messages(String ddl) throws Exception {
        return run(ddl, Duration.ofSeconds(90)).messages;
    }

    static Failure run(String ddl, Duration timeout) throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);
        tEnv.executeSql(ddl);
        long start = System.nanoTime();
        // A discarding sink, not the collect sink: Flink's CollectSinkFunction throws in close()
        // when its task is cancelled before it opened, which kills the MiniCluster's TaskManager.
        tEnv.toChangelogStream(tEnv.sqlQuery("SELECT * FROM t")).sinkTo(new DiscardingSink<>());
        JobClient client = env.executeAsync("failing job");
        try {
            client.getJobExecutionResult().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("The job finished although it should have failed");
        } catch (ExecutionException e) {
            return new Failure(e.getCause(), Duration.ofNanos(System.nanoTime() - start));
        } catch (TimeoutException e) {
            client.cancel();
            throw new AssertionError("The job did not fail within " + timeout, e);
        }
    }
}
