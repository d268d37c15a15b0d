package io.neoncdc.jobs.bench;

import io.neoncdc.jobs.compat.SimpleSink;
import java.time.Instant;
import java.util.Arrays;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.TimestampData;

/**
 * Commit-to-emit latency of the SQL path: the sink compares each row's write time ({@code
 * written_at = clock_timestamp()}) and its commit time (the {@code op_ts} metadata column) with its
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

    /**
     * The SQL latency sink's writer: rows of {@code (written_at TIMESTAMP_LTZ(6), op_ts
     * TIMESTAMP_LTZ(3))} compared with this machine's clock, counted in {@link Progress}.
     */
    static final class RowLatencySink extends SimpleSink<RowData> {
        private static final long serialVersionUID = 1L;

        @Override
        protected SinkWriter<RowData> createWriter() {
            return new SinkWriter<RowData>() {
                @Override
                public void write(RowData row, Context context) {
                    Progress.onEvent();
                    TimestampData written = row.getTimestamp(0, 6);
                    long writtenMicros =
                            written.getMillisecond() * 1000 + written.getNanoOfMillisecond() / 1000;
                    if (writtenMicros >= fromMicros && writtenMicros <= toMicros) {
                        long now = nowMicros();
                        long commitMicros = row.getTimestamp(1, 3).getMillisecond() * 1000;
                        record(now - writtenMicros, now - commitMicros);
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
