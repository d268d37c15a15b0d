package io.neoncdc.jobs.runner;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.program.StreamContextEnvironment;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.ResultKind;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

/**
 * Runs the statements in this JVM: a Flink table environment whose jobs run on local MiniClusters,
 * with the connector from the class path, exactly-once checkpoints every 10 s unless {@code --set}
 * says otherwise; or, run by a cluster as a job's main class (application mode), on that cluster
 * with its configuration.
 */
final class LocalTarget implements SqlTarget {
    static final Map<String, String> DEFAULTS =
            Map.of(
                    "execution.checkpointing.interval", "10 s",
                    "execution.checkpointing.mode", "EXACTLY_ONCE",
                    "restart-strategy.type", "exponential-delay",
                    // Each job's MiniCluster gets a free port for its REST API.
                    "rest.bind-port", "0");
    private static final Pattern SET =
            Pattern.compile("(?is)SET\\s+'([^']+)'\\s*=\\s*'((?:[^']|'')*)'");

    private final StreamTableEnvironment tableEnv;
    private final List<JobClient> jobs = new ArrayList<>();
    private final LocalQueryPrinter queries;
    private final PrintStream out;
    private final boolean ownsJobs;

    LocalTarget(Map<String, String> flinkOptions, PrintStream out) {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        Configuration.fromMap(flinkOptions));
        // Run as a cluster's job main (flink run, application mode under the Kubernetes
        // operator) the environment is the cluster's and so are the jobs: a runner that stops
        // (SIGTERM to a JobManager pod) must not cancel them, or a job that HA would recover from
        // its last checkpoint would end for good. Only jobs on MiniClusters of its own are its,
        // and only those get the runner's defaults (a cluster's configuration stays in force).
        this.ownsJobs = !(env instanceof StreamContextEnvironment);
        if (ownsJobs) {
            Map<String, String> conf = new HashMap<>(DEFAULTS);
            conf.putAll(flinkOptions);
            env = StreamExecutionEnvironment.getExecutionEnvironment(Configuration.fromMap(conf));
        }
        this.tableEnv = StreamTableEnvironment.create(env);
        this.queries = new LocalQueryPrinter(new ResultPrinter(out));
        this.out = out;
    }

    /** Whether this runs as a cluster's job main class (flink run, application mode). */
    static boolean runByCluster() {
        return StreamExecutionEnvironment.getExecutionEnvironment()
                instanceof StreamContextEnvironment;
    }

    @Override
    public void execute(SqlStatement statement, Instant deadline) throws Exception {
        switch (statement.kind()) {
            case SET:
                Matcher m = SET.matcher(statement.text().strip());
                if (!m.matches()) {
                    throw new IllegalArgumentException("Expected SET 'key' = 'value'");
                }
                tableEnv.getConfig().set(m.group(1), m.group(2).replace("''", "'"));
                return;
            case QUERY:
                queries.print(tableEnv.executeSql(statement.text()), deadline);
                return;
            case JOB:
                TableResult job = tableEnv.executeSql(statement.text());
                job.getJobClient().ifPresent(jobs::add);
                job.getJobClient().ifPresent(c -> out.println("    job " + c.getJobID()));
                return;
            default:
                TableResult result = tableEnv.executeSql(statement.text());
                if (result.getResultKind() == ResultKind.SUCCESS_WITH_CONTENT) {
                    queries.print(result, null);
                }
        }
    }

    @Override
    public boolean finish(Instant deadline) throws Exception {
        if (jobs.isEmpty()) {
            return true;
        }
        out.println(
                "Running "
                        + jobs.size()
                        + (ownsJobs
                                ? " job(s) on a local MiniCluster"
                                        + (deadline == null
                                                ? "; Ctrl-C stops."
                                                : " until " + deadline + ".")
                                : " job(s) on the cluster; they keep running if this runner"
                                        + " stops."));
        while (deadline == null || Instant.now().isBefore(deadline)) {
            boolean allDone = true;
            for (JobClient job : jobs) {
                JobStatus status = job.getJobStatus().get();
                if (status == JobStatus.FAILED) {
                    out.println("Job " + job.getJobID() + " failed: " + failure(job));
                    return false;
                }
                allDone &= status.isGloballyTerminalState();
            }
            if (allDone) {
                return true;
            }
            Thread.sleep(Duration.ofMillis(500).toMillis());
        }
        return true;
    }

    private static String failure(JobClient job) {
        try {
            job.getJobExecutionResult().get();
            return "(no cause reported)";
        } catch (Exception e) {
            return Failures.describe(e);
        }
    }

    @Override
    public void close() {
        queries.close();
        if (!ownsJobs) {
            return;
        }
        for (JobClient job : jobs) {
            try {
                if (!job.getJobStatus().get().isGloballyTerminalState()) {
                    job.cancel().get();
                }
            } catch (Exception e) {
                // The job's MiniCluster is already gone.
            }
        }
    }
}
