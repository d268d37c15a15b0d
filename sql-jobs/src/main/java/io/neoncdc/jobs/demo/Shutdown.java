package io.neoncdc.jobs.demo;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;

/**
 * Tears a run down in the only safe order, each step running even if an earlier one failed: stop
 * writing, check consistency, cancel the Flink job and wait for it, drop the demo's slots on an
 * external server, stop the embedded PostgreSQL.
 */
final class Shutdown {
    private final Screen screen;

    Shutdown(Screen screen) {
        this.screen = screen;
    }

    void run(
            TrafficGenerator traffic,
            Step check,
            JobClient job,
            EmbeddedServer embedded,
            ConnectionSettings external,
            List<String> slots) {
        StringBuilder done = new StringBuilder("Stopped:");
        if (traffic != null) {
            step(done, "traffic generator", "stop the traffic generator", traffic::close);
        }
        if (check != null) {
            try {
                check.run();
            } catch (Exception e) {
                screen.say("Consistency check skipped: " + e);
            }
        }
        if (job != null) {
            boolean running = !job.getJobExecutionResult().isDone();
            step(
                    done,
                    running ? "Flink job cancelled" : "Flink job ended",
                    "cancel the Flink job",
                    () -> cancel(job));
        }
        if (external != null) {
            step(
                    done,
                    "replication slots dropped",
                    "drop the demo's replication slots",
                    () -> {
                        int left = DemoSlots.drop(external, slots, 15_000);
                        if (left > 0) {
                            throw new IllegalStateException(
                                    left
                                            + " slot(s) still active: drop them with SELECT"
                                            + " pg_drop_replication_slot(name)");
                        }
                    });
        }
        if (embedded != null) {
            step(
                    done,
                    "PostgreSQL (port " + embedded.port() + " closed)",
                    "stop the embedded PostgreSQL",
                    embedded::close);
        }
        if (done.length() > "Stopped:".length()) {
            screen.say(done.toString());
        }
    }

    private static void cancel(JobClient job) throws Exception {
        if (!job.getJobExecutionResult().isDone()) {
            try {
                job.cancel().get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                // Already ending (e.g. failed or shut down by Ctrl-C): wait for it below.
            }
        }
        try {
            job.getJobExecutionResult().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            // A cancelled job completes its result exceptionally: that is the expected end.
        }
    }

    private void step(StringBuilder done, String what, String action, Step step) {
        try {
            step.run();
            done.append(done.length() > 8 ? ", " : " ").append(what);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            String why = e.getMessage() != null ? e.getMessage() : e.toString();
            screen.say("Could not " + action + ": " + why);
        }
    }

    /** One teardown step. */
    interface Step {
        void run() throws Exception;
    }
}
