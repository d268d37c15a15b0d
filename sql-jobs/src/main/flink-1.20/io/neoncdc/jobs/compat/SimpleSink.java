package io.neoncdc.jobs.compat;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A {@link Sink} whose writer needs nothing from its init context, for Flink 1.20 (this file) and
 * 2.x (src/main/flink-2.3, where {@code createWriter(WriterInitContext)} is the only one).
 */
public abstract class SimpleSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    /** The writer of one parallel subtask. */
    protected abstract SinkWriter<T> createWriter();

    /** Flink 1.20's abstract variant. */
    @Override
    @SuppressWarnings("deprecation")
    public final SinkWriter<T> createWriter(InitContext context) {
        return createWriter();
    }

    @Override
    public final SinkWriter<T> createWriter(WriterInitContext context) {
        return createWriter();
    }
}
