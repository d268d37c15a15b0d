package io.neoncdc.postgres.event;

import java.io.Serializable;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.util.Collector;

/**
 * Turns change events into the records a source emits (RowData for tables, {@link ChangeEvent}
 * values, Debezium JSON). Called on the task's main thread; one event may yield several records (an
 * update in {@code all} mode yields -U and +U), all emitted atomically.
 */
public interface ChangeEventDeserializer<T> extends Serializable, ResultTypeQueryable<T> {

    /** Called once per reader before the first event. */
    default void open() throws Exception {}

    void deserialize(ChangeEvent event, Collector<T> out) throws Exception;
}
