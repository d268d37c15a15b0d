package io.neoncdc.postgres.table;

import io.neoncdc.postgres.event.ChangeEvent;
import java.util.function.Function;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.DataType;

/** The metadata columns a table can declare with {@code METADATA FROM '…' VIRTUAL}. */
enum MetadataColumn {
    DATABASE_NAME(
            "database_name",
            DataTypes.STRING().notNull(),
            e -> StringData.fromString(e.table().database())),
    SCHEMA_NAME(
            "schema_name",
            DataTypes.STRING().notNull(),
            e -> StringData.fromString(e.tableId().schema())),
    TABLE_NAME(
            "table_name",
            DataTypes.STRING().notNull(),
            e -> StringData.fromString(e.tableId().table())),
    OP_TS(
            "op_ts",
            DataTypes.TIMESTAMP_LTZ(3),
            e ->
                    e.isSnapshot()
                            ? null
                            : TimestampData.fromEpochMillis(
                                    Math.floorDiv(e.commitTimeMicros(), 1000L))),
    OP("op", DataTypes.STRING().notNull(), e -> StringData.fromString(e.op().code())),
    LSN("lsn", DataTypes.BIGINT(), e -> e.isSnapshot() ? null : e.commitLsn()),
    XID("xid", DataTypes.BIGINT(), e -> e.isSnapshot() ? null : e.xid()),
    IS_SNAPSHOT("is_snapshot", DataTypes.BOOLEAN().notNull(), ChangeEvent::isSnapshot),
    /** {@code topic.prefix} / {@code topic.prefix-database} naming, see TopicNaming. */
    TOPIC("topic", DataTypes.STRING().notNull(), e -> StringData.fromString(e.table().topic()));

    private final String key;
    private final DataType type;
    private final Function<ChangeEvent, Object> reader;

    MetadataColumn(String key, DataType type, Function<ChangeEvent, Object> reader) {
        this.key = key;
        this.type = type;
        this.reader = reader;
    }

    String key() {
        return key;
    }

    DataType type() {
        return type;
    }

    Object read(ChangeEvent event) {
        return reader.apply(event);
    }

    /** Whether the value depends on the table only (computed once per table, not per row). */
    boolean perTable() {
        return this == DATABASE_NAME || this == SCHEMA_NAME || this == TABLE_NAME || this == TOPIC;
    }

    static MetadataColumn of(String key) {
        for (MetadataColumn m : values()) {
            if (m.key.equals(key)) {
                return m;
            }
        }
        throw new IllegalArgumentException("Unknown metadata key '" + key + "'");
    }
}
