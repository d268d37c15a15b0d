package io.neoncdc.postgres.testutil;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;

/**
 * A test sink stage with exactly-once output: rows become visible (in a JVM-wide store) only when
 * the checkpoint that covers them completes, like a transactional sink would publish them. Rows of
 * a failed attempt after its last completed checkpoint are never published.
 */
public final class CommittedCollector extends ProcessFunction<Row, Row>
        implements CheckpointedFunction, CheckpointListener {
    private static final Map<String, ConcurrentSkipListMap<String, List<Row>>> STORE =
            new ConcurrentHashMap<>();

    private final String id;
    private transient List<Row> pending;
    private transient TreeMap<Long, List<Row>> staged;
    private transient ListState<Tuple2<Long, List<Row>>> state;

    public CommittedCollector(String id) {
        this.id = id;
        STORE.putIfAbsent(id, new ConcurrentSkipListMap<>());
    }

    /** Every published row, in checkpoint order. */
    public static List<Row> committed(String id) {
        List<Row> rows = new ArrayList<>();
        STORE.getOrDefault(id, new ConcurrentSkipListMap<>()).values().forEach(rows::addAll);
        return rows;
    }

    /**
     * Copies what {@code from} published up to and including {@code checkpointId} to {@code to}:
     * the output a job restored from that checkpoint continues.
     */
    public static void copyUpTo(String from, String to, long checkpointId) {
        ConcurrentSkipListMap<String, List<Row>> target =
                STORE.computeIfAbsent(to, k -> new ConcurrentSkipListMap<>());
        STORE.getOrDefault(from, new ConcurrentSkipListMap<>())
                .headMap(String.format("%019d", checkpointId), true)
                .forEach(target::putIfAbsent);
    }

    @Override
    public void processElement(Row row, Context ctx, Collector<Row> out) {
        pending.add(row);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        staged.put(context.getCheckpointId(), pending);
        pending = new ArrayList<>();
        state.clear();
        for (Map.Entry<Long, List<Row>> e : staged.entrySet()) {
            state.add(Tuple2.of(e.getKey(), e.getValue()));
        }
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        pending = new ArrayList<>();
        staged = new TreeMap<>();
        state =
                context.getOperatorStateStore()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "staged",
                                        org.apache.flink.api.common.typeinfo.TypeInformation.of(
                                                new org.apache.flink.api.common.typeinfo.TypeHint<
                                                        Tuple2<Long, List<Row>>>() {})));
        if (context.isRestored()) {
            // Restored from a completed checkpoint: what it staged is committed (idempotently).
            for (Tuple2<Long, List<Row>> t : state.get()) {
                publish(t.f0, t.f1);
            }
        }
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        Map<Long, List<Row>> done = new TreeMap<>(staged.headMap(checkpointId, true));
        done.forEach(this::publish);
        staged.headMap(checkpointId, true).clear();
    }

    private void publish(long checkpointId, List<Row> rows) {
        String key = String.format("%019d", checkpointId);
        STORE.computeIfAbsent(id, k -> new ConcurrentSkipListMap<>()).putIfAbsent(key, rows);
    }
}
