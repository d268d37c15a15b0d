package io.neoncdc.postgres.testutil;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.types.Row;

/**
 * Injects task failures at chosen points of a run, counted over all attempts: at a row, inside a
 * checkpoint-complete notification (after the checkpoint completed, before everyone heard of it),
 * or at a row and again right after the restore.
 */
public final class FaultInjector implements MapFunction<Row, Row>, CheckpointListener {
    /** Where the failure happens. */
    public enum Point {
        AT_ROW,
        IN_NOTIFICATION,
        AT_ROW_AND_AFTER_RESTORE
    }

    private static final Map<String, AtomicLong> ROWS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> FAILURES = new ConcurrentHashMap<>();

    private final String id;
    private final Point point;
    private final long atRow;
    private transient boolean sawCheckpoint;
    private transient long rowsThisAttempt;

    public FaultInjector(String id, Point point, long atRow) {
        this.id = id;
        this.point = point;
        this.atRow = atRow;
        ROWS.put(id, new AtomicLong());
        FAILURES.put(id, new AtomicInteger());
    }

    /** How many failures were injected. */
    public static int failures(String id) {
        return FAILURES.get(id).get();
    }

    @Override
    public Row map(Row row) {
        long seen = ROWS.get(id).incrementAndGet();
        rowsThisAttempt++;
        int failed = FAILURES.get(id).get();
        if (point != Point.IN_NOTIFICATION && failed == 0 && seen >= atRow && sawCheckpoint) {
            fail();
        }
        if (point == Point.AT_ROW_AND_AFTER_RESTORE && failed == 1 && rowsThisAttempt == 1) {
            fail(); // the first row after the restore
        }
        return row;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        sawCheckpoint = true;
        if (point == Point.IN_NOTIFICATION
                && FAILURES.get(id).get() == 0
                && ROWS.get(id).get() >= atRow) {
            fail();
        }
    }

    private void fail() {
        FAILURES.get(id).incrementAndGet();
        throw new IllegalStateException("Injected failure #" + FAILURES.get(id).get());
    }
}
