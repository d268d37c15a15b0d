package io.neoncdc.postgres.table;

import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSource;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;

/**
 * The planning side of one shared source: the source operator, created by the first scan of its
 * slot in a job, and per scan a chained split that passes on the scan's rows (then the keyed
 * changelog state when the scan keeps one). Operator ids derive from database and slot, so
 * savepoints map onto the source whatever else the job does, and a table added to the job later
 * joins the restored stream (the stream reader snapshots it while streaming).
 */
final class SharedSource {
    private final SharedSlotKey key;
    private final WeakReference<StreamExecutionEnvironment> translation;
    private final SharedCapture capture = new SharedCapture();
    private final Transformation<RoutedRow> source;
    private final int parallelism;
    private final String uid;
    private final Map<String, Integer> scansPerTable = new HashMap<>();

    SharedSource(StreamExecutionEnvironment env, SharedSlotKey key, NeonPostgresSourceConfig base) {
        this.key = key;
        this.translation = new WeakReference<>(env);
        SharedNeonSource shared = new SharedNeonSource(base, capture);
        this.uid = "neon-postgres-cdc/" + key.slotName();
        DataStreamSource<RoutedRow> stream =
                env.fromSource(
                        shared,
                        WatermarkStrategy.noWatermarks(),
                        "neon-postgres-cdc " + key.slotName(),
                        shared.getProducedType());
        stream.uid(uid);
        this.source = stream.getTransformation();
        this.parallelism = source.getParallelism();
    }

    SharedSlotKey key() {
        return key;
    }

    SharedCapture capture() {
        return capture;
    }

    /**
     * Whether a scan translated in {@code env} belongs to the same job: the same translation (one
     * query or statement set), or a later translation of a DataStream program that already handed a
     * stream of this source to the job environment.
     */
    boolean pendingIn(StreamExecutionEnvironment env, StreamExecutionEnvironment job) {
        return translation.get() == env || JobEnvironment.isPending(job, source);
    }

    /** Adds a scan; returns the stream of its rows, in its produced type. */
    DataStream<RowData> attach(StreamExecutionEnvironment env, SharedScan scan, RowType produced) {
        int index = capture.add(scan);
        String name =
                String.join(",", scan.tables.stream().map(Object::toString).toArray(String[]::new));
        int n = scansPerTable.merge(name, 1, Integer::sum);
        String scanUid = uid + "/" + name + (n == 1 ? "" : "#" + n);
        SingleOutputStreamOperator<RowData> rows =
                new DataStream<>(env, source)
                        .flatMap(new ScanSplit(index), InternalTypeInfo.of(scan.emitted))
                        .name("neon-postgres-cdc " + name)
                        .uid(scanUid)
                        .setParallelism(parallelism);
        if (!scan.stateful) {
            return rows;
        }
        // Keyed by table and key: every change of a key (snapshot read included) reaches the same
        // subtask in order, so its state holds the key's latest row (as ChangelogStateScan).
        return rows.map(KeyedChangeRows.toChanges(produced), KeyedChanges.type(produced))
                .name("neon-postgres-cdc " + name + " changes")
                .uid(scanUid + "/changes")
                .setParallelism(parallelism)
                .keyBy(new ChangelogStateScan.ByStateKey(), InternalTypeInfo.of(StateKeys.KEY_TYPE))
                .process(
                        new ChangelogMaterializer(produced, scan.physical.getFieldCount()),
                        InternalTypeInfo.of(produced))
                .name("neon-postgres-cdc changelog state " + name)
                .uid(scanUid + "/changelog-state");
    }
}
