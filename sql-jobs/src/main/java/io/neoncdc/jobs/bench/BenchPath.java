package io.neoncdc.jobs.bench;

import java.util.List;

/**
 * The ways a user reads the connector, each measured in a JVM of its own ({@link Worker}): Flink
 * SQL in both changelog modes and on a table without REPLICA IDENTITY FULL, the DataStream API with
 * the RowData and the Debezium JSON deserializer, and the raw {@code ChangeEvent} path (a
 * deserializer that only counts) as the connector's own ceiling.
 */
enum BenchPath {
    SQL("SQL", "Flink SQL `INSERT INTO blackhole SELECT * FROM src`, changelog-mode all"),
    SQL_UPSERT(
            "SQL upsert",
            "Flink SQL `INSERT INTO blackhole SELECT * FROM src`, changelog-mode upsert, table with"
                    + " REPLICA IDENTITY DEFAULT"),
    SQL_DEFAULT_IDENTITY(
            "SQL default identity",
            "Flink SQL `INSERT INTO blackhole SELECT * FROM src`, changelog-mode all, table with"
                    + " REPLICA IDENTITY DEFAULT"),
    ROW_DATA("DataStream RowData", "DataStream `ChangeEventDeserializers.rowData(…)` → sink"),
    DEBEZIUM_JSON(
            "DataStream Debezium JSON",
            "DataStream `ChangeEventDeserializers.debeziumJson()` → sink"),
    CHANGE_EVENT(
            "raw ChangeEvent (ceiling)",
            "DataStream, a `ChangeEventDeserializer` that only counts → discarding sink");

    /** The paths of the snapshot figures, in the order of the results table. */
    static final List<BenchPath> SNAPSHOT =
            List.of(SQL, SQL_UPSERT, SQL_DEFAULT_IDENTITY, ROW_DATA, DEBEZIUM_JSON, CHANGE_EVENT);

    /** The paths of the drain figures. */
    static final List<BenchPath> DRAIN = List.of(SQL, ROW_DATA, DEBEZIUM_JSON, CHANGE_EVENT);

    final String label;
    final String how;

    BenchPath(String label, String how) {
        this.label = label;
        this.how = how;
    }

    boolean isSql() {
        return this == SQL || this == SQL_UPSERT || this == SQL_DEFAULT_IDENTITY;
    }

    /**
     * Whether the source table has REPLICA IDENTITY DEFAULT (not FULL) for this path: upsert mode
     * is what users are told to pick when they cannot set FULL, so it is measured without it.
     */
    boolean defaultIdentity() {
        return this == SQL_UPSERT || this == SQL_DEFAULT_IDENTITY;
    }
}
