package io.neoncdc.jobs.demo;

import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.Scheduled;

/**
 * A Flink metric reporter that hands the connector's snapshot gauges (registered on each source's
 * enumerator group as {@code snapshot.chunksTotal}, {@code chunksFinished}, {@code rowsRead}) to
 * the console board, and samples them every few hundred milliseconds for timing.
 */
final class ProgressReporter implements MetricReporter, Scheduled {
    private final String runId;

    ProgressReporter(String runId) {
        this.runId = runId;
    }

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    @Override
    public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
        Board board = Board.find(runId);
        if (board == null
                || !(metric instanceof Gauge)
                || !group.getMetricIdentifier(name).endsWith(".snapshot." + name)) {
            return;
        }
        String source = group.getAllVariables().getOrDefault("<operator_name>", "source");
        board.snapshotOf(source).register(name, (Gauge<?>) metric);
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {}

    @Override
    public void report() {
        Board board = Board.find(runId);
        if (board != null) {
            board.snapshotGauges().values().forEach(SnapshotGauges::sample);
        }
    }
}
