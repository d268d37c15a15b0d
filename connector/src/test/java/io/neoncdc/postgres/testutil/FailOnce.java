package io.neoncdc.postgres.testutil;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.types.Row;

/**
 * Injects one task failure: passes rows through and throws once, when {@code afterRows} rows have
 * passed in this attempt and at least one checkpoint has completed since it started.
 */
public final class FailOnce implements MapFunction<Row, Row>, CheckpointListener {
    private static final Map<String, AtomicBoolean> FAILED = new ConcurrentHashMap<>();

    private final String id;
    private final long afterRows;
    private final long pauseEveryRows;
    private transient AtomicLong rows;
    private transient boolean checkpointDone;

    /**
     * @param pauseEveryRows sleep 1 ms every this many rows, so emission spans checkpoints
     */
    public FailOnce(String id, long afterRows, long pauseEveryRows) {
        this.id = id;
        this.afterRows = afterRows;
        this.pauseEveryRows = pauseEveryRows;
        FAILED.put(id, new AtomicBoolean());
    }

    public static boolean failed(String id) {
        return FAILED.get(id).get();
    }

    @Override
    public Row map(Row row) throws Exception {
        if (rows == null) {
            rows = new AtomicLong();
        }
        long n = rows.incrementAndGet();
        if (pauseEveryRows > 0 && n % pauseEveryRows == 0) {
            Thread.sleep(1);
        }
        if (n >= afterRows && checkpointDone && FAILED.get(id).compareAndSet(false, true)) {
            throw new IllegalStateException("Injected failure after " + n + " rows");
        }
        return row;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        checkpointDone = true;
    }
}
