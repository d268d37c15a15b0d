package io.neoncdc.postgres.deserializer;

import io.neoncdc.postgres.event.ChangeEventDeserializer;
import io.neoncdc.postgres.table.RowDataDeserializer;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;

/** The deserializers the connector ships for the DataStream API, in one place. */
@PublicEvolving
public final class ChangeEventDeserializers {
    private ChangeEventDeserializers() {}

    /**
     * RowData with a RowKind ({@code changelog-mode}): every captured table read into {@code
     * physicalRowType} (columns matched by name), then the given metadata columns ({@code topic},
     * {@code table_name}, {@code op}, {@code op_ts}, …). The same deserializer the SQL connector
     * uses.
     */
    public static ChangeEventDeserializer<RowData> rowData(
            DataType physicalRowType, String... metadataKeys) {
        return RowDataDeserializer.forRows(physicalRowType, metadataKeys);
    }

    /**
     * {@link ChangeEventValue}: op, table, before/after as maps of plain Java values, positions.
     */
    public static ChangeEventDeserializer<ChangeEventValue> values() {
        return new ChangeEventValueDeserializer();
    }

    /** Debezium-compatible JSON strings (see {@link DebeziumJsonDeserializer}). */
    public static ChangeEventDeserializer<String> debeziumJson() {
        return DebeziumJsonDeserializer.strings();
    }

    /** Debezium-compatible JSON as UTF-8 bytes, e.g. for a Kafka sink. */
    public static ChangeEventDeserializer<byte[]> debeziumJsonBytes() {
        return DebeziumJsonDeserializer.bytes();
    }
}
