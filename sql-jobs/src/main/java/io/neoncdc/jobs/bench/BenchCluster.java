package io.neoncdc.jobs.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * One Flink MiniCluster (one TaskManager, two slots) that runs every measured job of a bench JVM,
 * so a job's time includes scheduling and deployment but never a cluster start.
 */
final class BenchCluster implements AutoCloseable {
    static final int SLOTS = 2;

    private static final Path CHECKPOINTS =
            Path.of(
                    System.getProperty("java.io.tmpdir"),
                    "bench-checkpoints-" + ProcessHandle.current().pid());

    private final MiniCluster cluster;

    private BenchCluster(MiniCluster cluster) {
        this.cluster = cluster;
    }

    static BenchCluster start() throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_PORT, "0");
        MiniCluster cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(conf)
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(SLOTS)
                                .build());
        cluster.start();
        return new BenchCluster(cluster);
    }

    /** A fresh environment for one job; checkpointing off when the interval is null. */
    static StreamExecutionEnvironment env(int parallelism, Duration checkpointInterval) {
        Configuration conf = new Configuration();
        // A failed run fails the bench instead of restarting forever.
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        // Keyed state (e.g. upsert mode's ChangelogNormalize) outgrows the JobManager's 5 MB
        // in-memory checkpoints: checkpoints go to files, as on a real cluster.
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, CHECKPOINTS.toUri().toString());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        if (checkpointInterval != null) {
            env.enableCheckpointing(checkpointInterval.toMillis());
        }
        return env;
    }

    JobID submit(StreamExecutionEnvironment env, String name) throws Exception {
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName(name);
        JobGraph job = graph.getJobGraph(BenchCluster.class.getClassLoader(), new JobID());
        return cluster.submitJob(job).get(60, TimeUnit.SECONDS).getJobID();
    }

    /** Waits for the job to end; throws its failure. */
    JobResult await(JobID job, Duration timeout) throws Exception {
        JobResult result =
                cluster.requestJobResult(job).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (result.getSerializedThrowable().isPresent()) {
            Throwable t =
                    result.getSerializedThrowable()
                            .get()
                            .deserializeError(BenchCluster.class.getClassLoader());
            throw new IllegalStateException("Job " + job + " failed: " + t, t);
        }
        return result;
    }

    /** Cancels a running job and waits until it is gone (its connections closed). */
    void cancel(JobID job) throws Exception {
        JobStatus status = cluster.getJobStatus(job).get(30, TimeUnit.SECONDS);
        if (!status.isGloballyTerminalState()) {
            cluster.cancelJob(job).get(60, TimeUnit.SECONDS);
        }
        cluster.requestJobResult(job).get(120, TimeUnit.SECONDS);
    }

    /** Whether the job failed or ended, for loops that wait for rows. */
    boolean ended(JobID job) throws Exception {
        return cluster.getJobStatus(job).get(30, TimeUnit.SECONDS).isGloballyTerminalState();
    }

    @Override
    public void close() throws Exception {
        cluster.closeAsync().get(60, TimeUnit.SECONDS);
        org.apache.flink.util.FileUtils.deleteDirectoryQuietly(CHECKPOINTS.toFile());
    }
}
