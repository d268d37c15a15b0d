package io.neoncdc.jobs.bench;

/** How long one drain of a workload took, and the peak memory of whoever drained it. */
final class DrainResult {
    final double seconds;
    final String memory;

    DrainResult(double seconds, String memory) {
        this.seconds = seconds;
        this.memory = memory;
    }
}
