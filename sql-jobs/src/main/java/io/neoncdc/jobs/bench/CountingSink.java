package io.neoncdc.jobs.bench;

import io.neoncdc.jobs.compat.SimpleSink;
import org.apache.flink.api.connector.sink2.SinkWriter;

/**
 * A sink that discards its records like Flink's {@code DiscardingSink} (and the SQL blackhole
 * connector) and counts them in {@link Progress}; the MiniCluster runs in the bench worker's JVM,
 * so its writers reach that static counter.
 */
final class CountingSink<T> extends SimpleSink<T> {
    private static final long serialVersionUID = 1L;

    @Override
    protected SinkWriter<T> createWriter() {
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
