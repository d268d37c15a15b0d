package io.neoncdc.jobs.bench;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A sink that discards its records like Flink's {@code DiscardingSink} (and the SQL blackhole
 * connector) and counts them in {@link Progress}; the MiniCluster runs in the bench worker's JVM,
 * so its writers reach that static counter.
 */
final class CountingSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new SinkWriter<T>() {
            @Override
            public void write(T element, Context context) {
                Progress.onEvent();
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
