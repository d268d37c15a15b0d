package io.neoncdc.postgres.failover;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.types.Row;

/**
 * Throws once, right after the {@code nth} of the given tables (field 0 names it) has passed its
 * number of rows in this attempt, if a checkpoint of this attempt completed. With a table's
 * snapshot size (or a little less while writers change it), that is about when its last chunk was
 * emitted and reported: a stream event of it comes only after a checkpoint after that.
 */
final class FailAfterTables implements MapFunction<Row, Row>, CheckpointListener {
    private static final Map<String, AtomicBoolean> FAILED = new ConcurrentHashMap<>();

    private final String id;
    private final HashMap<String, Long> rows;
    private final int nth;
    private transient Map<Object, Long> seen;
    private transient int complete;
    private transient boolean checkpointDone;

    FailAfterTables(String id, Map<String, Long> rows, int nth) {
        this.id = id;
        this.rows = new HashMap<>(rows);
        this.nth = nth;
        FAILED.put(id, new AtomicBoolean());
    }

    static boolean failed(String id) {
        return FAILED.get(id).get();
    }

    @Override
    public Row map(Row row) {
        if (seen == null) {
            seen = new HashMap<>();
        }
        Long enough = rows.get(row.getField(0));
        if (enough != null && seen.merge(row.getField(0), 1L, Long::sum) == enough.longValue()) {
            complete++;
        }
        if (complete >= nth && checkpointDone && FAILED.get(id).compareAndSet(false, true)) {
            throw new IllegalStateException(
                    "Injected failure after " + complete + " table(s) passed " + rows + " rows");
        }
        return row;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        checkpointDone = true;
    }
}
