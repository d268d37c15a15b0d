package io.neoncdc.jobs.compat;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A {@link Sink} whose writer needs nothing from its init context, for Flink 2.x (this file) and
 * 1.20 (src/main/flink-1.20, where {@code createWriter(InitContext)} is the abstract method).
 */
public abstract class SimpleSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    /** The writer of one parallel subtask. */
    protected abstract SinkWriter<T> createWriter();

    @Override
    public final SinkWriter<T> createWriter(WriterInitContext context) {
        return createWriter();
    }
}
