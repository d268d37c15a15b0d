package io.neoncdc.postgres.testutil;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.types.Row;

/** A slow pass-through stage that counts the rows it has seen (JVM-wide, per id). */
public final class Throttle implements MapFunction<Row, Row> {
    private static final Map<String, AtomicLong> SEEN = new ConcurrentHashMap<>();

    private final String id;
    private final int nanosPerRow;

    public Throttle(String id, int nanosPerRow) {
        this.id = id;
        this.nanosPerRow = nanosPerRow;
        SEEN.put(id, new AtomicLong());
    }

    public static long seen(String id) {
        return SEEN.get(id).get();
    }

    @Override
    public Row map(Row row) throws Exception {
        SEEN.get(id).incrementAndGet();
        Thread.sleep(0, nanosPerRow);
        return row;
    }
}
