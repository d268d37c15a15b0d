package io.neoncdc.jobs.demo;

import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.Scheduled;

/**
 * A Flink metric reporter that hands the connector's per-table snapshot gauges (registered on the
 * source's enumerator group as {@code snapshot.table.<schema.table>.chunksTotal}, {@code
 * chunksFinished}, {@code rowsRead}) to the console board, and samples them every few hundred
 * milliseconds for timing.
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
        // The per-table gauges: snapshot.table.<schema.table>.<name> of the one shared source.
        String table = group.getAllVariables().get("<table>");
        if (board == null
                || !(metric instanceof Gauge)
                || table == null
                || !group.getMetricIdentifier(name).contains(".snapshot.table.")) {
            return;
        }
        board.snapshotOf(table).register(name, (Gauge<?>) metric);
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
