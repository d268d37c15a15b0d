package io.neoncdc.jobs.demo;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;

/** Reads a running job's status and, once it has failed, the root cause in one line. */
final class JobWatch {
    private JobWatch() {}

    /**
     * The job's status; a local MiniCluster shuts down right after its job ends, so a status that
     * cannot be read any more is reported as FAILED (the failure cause tells the rest).
     */
    static JobStatus status(JobClient job) {
        try {
            return job.getJobStatus().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return JobStatus.RUNNING;
        } catch (ExecutionException | TimeoutException e) {
            return job.getJobExecutionResult().isDone() ? JobStatus.FAILED : JobStatus.RUNNING;
        }
    }

    /** The innermost exception message of a finished job, or a note that there is none. */
    static String failureCause(JobClient job) {
        try {
            job.getJobExecutionResult().get(10, TimeUnit.SECONDS);
            return "finished without an error";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (TimeoutException e) {
            return "no result yet";
        } catch (ExecutionException e) {
            Throwable t = e;
            while (t.getCause() != null && t.getCause() != t) {
                t = t.getCause();
            }
            return t.getClass().getSimpleName() + ": " + t.getMessage();
        }
    }
}
