package io.neoncdc.postgres.enumerator;

import io.neoncdc.postgres.config.CheckpointMode;
import io.neoncdc.postgres.config.NeonPostgresOptions;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import io.neoncdc.postgres.config.StartupMode;
import io.neoncdc.postgres.split.ChunksAckEvent;
import io.neoncdc.postgres.split.ChunksFinishedEvent;
import io.neoncdc.postgres.split.FinishedChunk;
import io.neoncdc.postgres.split.NeonSplit;
import io.neoncdc.postgres.split.StreamGateEvent;
import io.neoncdc.postgres.split.StreamRevokeEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.groups.SplitEnumeratorMetricGroup;
import org.apache.flink.metrics.testutils.MetricListener;
import org.apache.flink.runtime.metrics.groups.InternalSplitEnumeratorMetricGroup;

/**
 * A {@link NeonSourceEnumerator} restored from a given state (so it needs no database) on a {@link
 * MockSplitEnumeratorContext} with every reader registered, and what it assigned.
 */
final class EnumeratorHarness implements AutoCloseable {
    final MetricListener metrics = new MetricListener();
    final MockSplitEnumeratorContext<NeonSplit> context;
    final NeonSourceEnumerator enumerator;
    private int assignmentsSeen;

    EnumeratorHarness(
            int parallelism, CheckpointMode mode, StartupMode startup, NeonEnumeratorState state) {
        SplitEnumeratorMetricGroup group =
                new InternalSplitEnumeratorMetricGroup(metrics.getMetricGroup());
        context =
                new MockSplitEnumeratorContext<>(parallelism) {
                    @Override
                    public SplitEnumeratorMetricGroup metricGroup() {
                        return group;
                    }
                };
        for (int i = 0; i < parallelism; i++) {
            context.registerReader(new ReaderInfo(i, "host-" + i));
        }
        enumerator = new NeonSourceEnumerator(context, config(mode, startup), state);
        enumerator.start();
    }

    static NeonPostgresSourceConfig config(CheckpointMode mode, StartupMode startup) {
        Configuration options = new Configuration();
        options.set(NeonPostgresOptions.HOSTNAME, "localhost");
        options.set(NeonPostgresOptions.USERNAME, "cdc");
        options.set(NeonPostgresOptions.DATABASE_NAME, "shop");
        options.set(NeonPostgresOptions.TABLE_NAME, "orders");
        options.set(NeonPostgresOptions.SCAN_STARTUP_MODE, startup);
        return NeonPostgresSourceConfig.fromOptions(options).checkpointMode(mode).build();
    }

    void request(int... subtasks) {
        for (int s : subtasks) {
            enumerator.handleSplitRequest(s, "host-" + s);
        }
    }

    /** Assignments since the last call, as {@code subtask:splitId}. */
    List<String> newAssignments() {
        List<SplitsAssignment<NeonSplit>> all = context.getSplitsAssignmentSequence();
        List<String> out = new ArrayList<>();
        for (SplitsAssignment<NeonSplit> a : all.subList(assignmentsSeen, all.size())) {
            for (Map.Entry<Integer, List<NeonSplit>> e : a.assignment().entrySet()) {
                e.getValue().forEach(s -> out.add(e.getKey() + ":" + s.splitId()));
            }
        }
        assignmentsSeen = all.size();
        return out;
    }

    /** The last split assigned to any reader. */
    NeonSplit lastAssigned() {
        List<SplitsAssignment<NeonSplit>> all = context.getSplitsAssignmentSequence();
        List<NeonSplit> splits = all.get(all.size() - 1).assignment().values().iterator().next();
        return splits.get(splits.size() - 1);
    }

    boolean noMoreSplits(int subtask) {
        return context.hasNoMoreSplits(subtask);
    }

    void finish(int subtask, FinishedChunk... chunks) {
        enumerator.handleSourceEvent(subtask, new ChunksFinishedEvent(List.of(chunks)));
    }

    /** Every chunk of {@link EnumeratorStates#midSnapshot} with these indexes, as finished. */
    void finishChunks(int subtask, int total, int... indexes) {
        for (int i : indexes) {
            finish(subtask, EnumeratorStates.finishedChunk(i, total));
        }
    }

    /** The split ids of the acknowledgements sent to a reader, one list per event. */
    List<List<String>> acks(int subtask) throws Exception {
        List<SourceEvent> events = context.getSentSourceEvent().getOrDefault(subtask, List.of());
        return events.stream()
                .filter(e -> e instanceof ChunksAckEvent)
                .map(e -> ((ChunksAckEvent) e).splitIds())
                .collect(Collectors.toList());
    }

    /** How many stream gates were sent to a reader. */
    long gateEvents(int subtask) throws Exception {
        return events(subtask, StreamGateEvent.class);
    }

    /** How many held stream splits were taken back from a reader. */
    long revokeEvents(int subtask) throws Exception {
        return events(subtask, StreamRevokeEvent.class);
    }

    private long events(int subtask, Class<? extends SourceEvent> type) throws Exception {
        List<SourceEvent> events = context.getSentSourceEvent().getOrDefault(subtask, List.of());
        return events.stream().filter(type::isInstance).count();
    }

    /** A checkpoint of the enumerator that completes. */
    NeonEnumeratorState checkpoint(long id) {
        NeonEnumeratorState state = enumerator.snapshotState(id);
        enumerator.notifyCheckpointComplete(id);
        return state;
    }

    /** The value of a snapshot progress gauge, e.g. {@code chunksFinished}. */
    Number snapshotGauge(String name) {
        return metrics.<Number>getGauge("enumerator", "snapshot", name).orElseThrow().getValue();
    }

    @Override
    public void close() throws Exception {
        enumerator.close();
        context.close();
    }
}
