package io.neoncdc.postgres.event;

import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import java.io.Serializable;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.util.Collector;

/**
 * Turns change events into the records a source emits (RowData for tables, {@link ChangeEvent}
 * values, Debezium JSON). Called on the task's main thread; one event may yield several records (an
 * update in {@code all} mode yields -U and +U), all emitted atomically.
 */
@PublicEvolving
public interface ChangeEventDeserializer<T> extends Serializable, ResultTypeQueryable<T> {

    /** Called once per reader before the first event. */
    default void open() throws Exception {}

    /**
     * Called once per reader before the first event, with the source's configuration (topic naming,
     * changelog mode, Debezium settings); calls {@link #open()} unless overridden.
     */
    default void open(NeonPostgresSourceConfig config) throws Exception {
        open();
    }

    /**
     * The physical row layout this deserializer needs every table in (DataStream RowData), or null
     * to receive every column with its default type. The builder declares it to the source.
     */
    default RowType requiredRowType() {
        return null;
    }

    void deserialize(ChangeEvent event, Collector<T> out) throws Exception;
}
