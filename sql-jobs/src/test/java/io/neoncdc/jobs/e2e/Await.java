package io.neoncdc.jobs.e2e;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/** Polls a condition against the running cluster: fails early when a process or the job died. */
final class Await {
    private final FlinkSessionCluster cluster;
    private final Duration timeout;

    Await(FlinkSessionCluster cluster, Duration timeout) {
        this.cluster = cluster;
        this.timeout = timeout;
    }

    /**
     * Polls {@code value} until {@code done} holds for it and returns that value.
     *
     * @param jobId checked for FAILED on every poll (null: no job yet)
     */
    <T> T until(String what, String jobId, Callable<T> value, Predicate<T> done) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        Exception lastError = null;
        while (System.nanoTime() < deadline) {
            cluster.assertAlive();
            if (jobId != null) {
                assertNotFailed(jobId);
            }
            try {
                last = value.call();
                lastError = null;
                if (last != null && done.test(last)) {
                    return last;
                }
            } catch (Exception e) {
                lastError = e;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(
                "Timed out after "
                        + timeout
                        + " waiting for "
                        + what
                        + "; last value: "
                        + last
                        + (lastError == null ? "" : "; last error: " + lastError)
                        + (jobId == null ? "" : "\n" + cluster.rest().describe(jobId))
                        + "\n"
                        + cluster.logs());
    }

    private void assertNotFailed(String jobId) throws Exception {
        String state = cluster.rest().get("/jobs/" + jobId).path("state").asText();
        if (state.equals("FAILED") || state.equals("FAILING") || state.equals("RESTARTING")) {
            throw new AssertionError(
                    "Job "
                            + jobId
                            + " "
                            + state
                            + ": "
                            + cluster.rest().exceptions(jobId)
                            + "\n"
                            + cluster.logs());
        }
    }
}
