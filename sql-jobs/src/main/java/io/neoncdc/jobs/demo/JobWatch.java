package io.neoncdc.jobs.demo;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;

/** Reads a running job's status and, once it has failed, its cause in one line. */
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
        } catch (ExecutionException | TimeoutException | IllegalStateException e) {
            return job.getJobExecutionResult().isDone() ? JobStatus.FAILED : JobStatus.RUNNING;
        }
    }

    /**
     * Why a finished job failed: the deepest exception the connector threw (its messages say what
     * to fix), else the innermost cause.
     */
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
            Throwable innermost = e;
            Throwable connector = null;
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                innermost = t;
                StackTraceElement[] at = t.getStackTrace();
                if (at.length > 0 && at[0].getClassName().startsWith("io.neoncdc.postgres")) {
                    connector = t;
                }
            }
            Throwable cause = connector != null ? connector : innermost;
            String message = String.valueOf(cause.getMessage()).replaceAll("\\s*\\n\\s*", " ");
            return cause.getClass().getSimpleName() + ": " + message;
        }
    }
}
