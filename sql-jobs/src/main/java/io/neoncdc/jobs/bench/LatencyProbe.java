package io.neoncdc.jobs.bench;

import io.neoncdc.jobs.compat.SimpleSink;
import io.neoncdc.postgres.event.ChangeEvent;
import io.neoncdc.postgres.event.ChangeEventDeserializer;
import java.time.Instant;
import java.util.Arrays;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.util.Collector;

/**
 * Commit-to-emit latency: the deserializer passes each row's write time ({@code written_at =
 * clock_timestamp()}) and its commit time ({@code op_ts}) on, and the sink compares both with its
 * own clock and records the differences for the rows written inside the measured window.
 */
final class LatencyProbe {
    private static long[] written = new long[1 << 16];
    private static long[] committed = new long[1 << 16];
    private static int count;
    private static volatile long fromMicros = Long.MAX_VALUE;
    private static volatile long toMicros = Long.MAX_VALUE;

    private LatencyProbe() {}

    /**
     * Records the rows written in [from, to] (Unix microseconds); a new start clears what was
     * recorded, -1 keeps the start. Rows written earlier are warm-up, even when they come late.
     */
    static synchronized void window(long from, long to) {
        if (from >= 0) {
            count = 0;
            fromMicros = from;
        }
        toMicros = to;
    }

    static synchronized int count() {
        return count;
    }

    /** Latencies since the write, in microseconds, sorted. */
    static synchronized long[] sinceWrite() {
        long[] s = Arrays.copyOf(written, count);
        Arrays.sort(s);
        return s;
    }

    /** Latencies since the commit timestamp, in microseconds, sorted. */
    static synchronized long[] sinceCommit() {
        long[] s = Arrays.copyOf(committed, count);
        Arrays.sort(s);
        return s;
    }

    private static synchronized void record(long sinceWrite, long sinceCommit) {
        if (count == written.length) {
            written = Arrays.copyOf(written, count * 2);
            committed = Arrays.copyOf(committed, count * 2);
        }
        written[count] = sinceWrite;
        committed[count++] = sinceCommit;
    }

    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }

    /** Emits (written_at, commit time) in microseconds of each latency-table change. */
    static final class Times implements ChangeEventDeserializer<Tuple2<Long, Long>> {
        private static final long serialVersionUID = 1L;
        // Transient fields are 0 after deserialization: one more than the index, 0 = unknown.
        private transient int columnPlusOne;

        @Override
        public void deserialize(ChangeEvent event, Collector<Tuple2<Long, Long>> out) {
            Progress.onEvent();
            if (columnPlusOne == 0) {
                columnPlusOne = event.table().rowType().getFieldIndex("written_at") + 1;
            }
            TimestampData ts = event.after().getTimestamp(columnPlusOne - 1, 6);
            long micros = ts.getMillisecond() * 1000 + ts.getNanoOfMillisecond() / 1000;
            out.collect(Tuple2.of(micros, event.commitTimeMicros()));
        }

        @Override
        public TypeInformation<Tuple2<Long, Long>> getProducedType() {
            return Types.TUPLE(Types.LONG, Types.LONG);
        }
    }

    /** Compares the times with this machine's clock. */
    static final class LatencySink extends SimpleSink<Tuple2<Long, Long>> {
        private static final long serialVersionUID = 1L;

        @Override
        protected SinkWriter<Tuple2<Long, Long>> createWriter() {
            return new SinkWriter<Tuple2<Long, Long>>() {
                @Override
                public void write(Tuple2<Long, Long> times, Context context) {
                    if (times.f0 >= fromMicros && times.f0 <= toMicros) {
                        long now = nowMicros();
                        record(now - times.f0, now - times.f1);
                    }
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}
