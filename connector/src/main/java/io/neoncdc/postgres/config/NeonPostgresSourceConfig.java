package io.neoncdc.postgres.config;

import io.neoncdc.postgres.catalog.CaptureList;
import io.neoncdc.postgres.catalog.PublicationSpec;
import io.neoncdc.postgres.catalog.TableId;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.types.logical.RowType;

/** The one immutable configuration object of a source: connection, capture list, modes, sizes. */
@Internal
public final class NeonPostgresSourceConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * Rows per snapshot chunk unless configured: the fastest size of the bench's sweep
     * (bench/RESULTS.md, 8 192 to 131 072 rows; larger sizes only add heap).
     */
    public static final int DEFAULT_CHUNK_ROWS = 32_768;

    /** Upper bound of one chunk's converted rows held in memory, whatever the row count. */
    public static final long DEFAULT_CHUNK_BYTES = 32L << 20;

    private final ConnectionConfig connection;
    private final String schemaPattern;
    private final String tablePattern;
    private final List<TableId> tableList;
    private final String slotName;
    private final String publicationName;
    private final StartupMode startupMode;
    private final Long specificOffsetLsn;
    private final ChangelogMode changelogMode;
    private final int chunkRows;
    private final long chunkBytes;
    private final String chunkKeyColumn;
    private final Duration heartbeatInterval;
    private final RowType declaredRowType;
    private final List<String> declaredPrimaryKey;
    private final HashMap<TableId, RowType> tableRowTypes;
    private final HashMap<TableId, List<String>> tablePrimaryKeys;
    private final CheckpointMode checkpointMode;
    private final SlotLostAction slotLostAction;
    private final PublicationAutoCreate publicationAutoCreate;
    private final boolean readOnly;
    private final boolean pgoutputBinary;
    private final boolean slotDropOnStop;
    private final String heartbeatActionQuery;
    private final String heartbeatTable;
    private final String signalTable;
    private final int confirmDelayCheckpoints;
    private final boolean slotFailover;
    private final ValueHandling values;
    private final TopicNaming topicNaming;
    private final DecimalHandlingMode decimalHandlingMode;
    private final SlotHealthSettings slotHealth;
    private final boolean requireFullIdentity;
    private final boolean oldRowsFromState;
    private final IdleDisconnectSettings idleDisconnect;

    private NeonPostgresSourceConfig(Builder b) {
        this.topicNaming = b.topicNaming;
        this.decimalHandlingMode = b.decimalHandlingMode;
        this.slotHealth = b.slotHealth;
        this.requireFullIdentity = b.requireFullIdentity;
        this.oldRowsFromState = b.oldRowsFromState;
        this.idleDisconnect = b.idleDisconnect;
        this.slotLostAction = b.slotLostAction;
        this.publicationAutoCreate = b.publicationAutoCreate;
        this.readOnly = b.readOnly;
        this.pgoutputBinary = b.pgoutputBinary;
        this.slotDropOnStop = b.slotDropOnStop;
        this.heartbeatActionQuery = b.heartbeatActionQuery;
        this.heartbeatTable = b.heartbeatTable;
        this.signalTable = b.signalTable;
        this.confirmDelayCheckpoints = b.confirmDelayCheckpoints;
        this.slotFailover = b.slotFailover;
        this.checkpointMode = b.checkpointMode;
        this.values = b.values;
        this.connection = b.connection;
        this.schemaPattern = b.schemaPattern;
        this.tablePattern = b.tablePattern;
        this.tableList = b.tableList;
        this.slotName = b.slotName;
        this.publicationName = b.publicationName;
        this.startupMode = b.startupMode;
        this.specificOffsetLsn = b.specificOffsetLsn;
        this.changelogMode = b.changelogMode;
        this.chunkRows = b.chunkRows;
        this.chunkBytes = b.chunkBytes;
        this.chunkKeyColumn = b.chunkKeyColumn;
        this.heartbeatInterval = b.heartbeatInterval;
        this.declaredRowType = b.declaredRowType;
        this.declaredPrimaryKey =
                Collections.unmodifiableList(new ArrayList<>(b.declaredPrimaryKey));
        this.tableRowTypes = new HashMap<>(b.tableRowTypes);
        this.tablePrimaryKeys = new HashMap<>(b.tablePrimaryKeys);
    }

    /** Reads and validates the options of a SQL table or a DataStream builder. */
    public static Builder fromOptions(ReadableConfig options) {
        return OptionsReader.read(options);
    }

    public ConnectionConfig connection() {
        return connection;
    }

    public String schemaPattern() {
        return schemaPattern;
    }

    public String tablePattern() {
        return tablePattern;
    }

    /** The exact tables of {@code table-list}; empty when the regexes select them. */
    public List<TableId> tableList() {
        return tableList;
    }

    /** Which tables the source captures: the explicit list or the two regexes. */
    public CaptureList captureList() {
        return tableList.isEmpty()
                ? new CaptureList(schemaPattern, tablePattern)
                : CaptureList.explicit(tableList);
    }

    public String slotName() {
        return slotName;
    }

    public String publicationName() {
        return publicationName;
    }

    public StartupMode startupMode() {
        return startupMode;
    }

    /** The LSN of {@code specific-offset} mode, else null. */
    public Long specificOffsetLsn() {
        return specificOffsetLsn;
    }

    public ChangelogMode changelogMode() {
        return changelogMode;
    }

    public int chunkRows() {
        return chunkRows;
    }

    public long chunkBytes() {
        return chunkBytes;
    }

    /** The configured chunk key column, or null for the primary key. */
    public String chunkKeyColumn() {
        return chunkKeyColumn;
    }

    public Duration heartbeatInterval() {
        return heartbeatInterval;
    }

    /** The physical row type declared by a SQL table, or null to map every column by default. */
    public RowType declaredRowType() {
        return declaredRowType;
    }

    /** The declared primary key columns (SQL), empty when none. */
    public List<String> declaredPrimaryKey() {
        return declaredPrimaryKey;
    }

    /**
     * The physical row type declared for one table: its own (a shared source serving several SQL
     * tables declares one per table), else {@link #declaredRowType()}.
     */
    public RowType declaredRowType(TableId table) {
        RowType own = tableRowTypes.get(table);
        return own != null ? own : declaredRowType;
    }

    /** The primary key declared for one table: its own, else {@link #declaredPrimaryKey()}. */
    public List<String> declaredPrimaryKey(TableId table) {
        List<String> own = tablePrimaryKeys.get(table);
        return own != null ? own : declaredPrimaryKey;
    }

    public PublicationAutoCreate publicationAutoCreate() {
        return publicationAutoCreate;
    }

    /** The publication settings as the catalog's publication code takes them. */
    public PublicationSpec publication() {
        return new PublicationSpec(
                publicationName(),
                connection().database(),
                readOnly(),
                publicationAutoCreate() != PublicationAutoCreate.DISABLED,
                publicationAutoCreate() == PublicationAutoCreate.ALL_TABLES,
                values().truncateAction() == TruncateAction.FAIL);
    }

    /** Never write to the source database. */
    public boolean readOnly() {
        return readOnly;
    }

    /** Stream binary values where possible (hidden option {@code pgoutput.binary}). */
    public boolean pgoutputBinary() {
        return pgoutputBinary;
    }

    /** Drop the slot when the bounded snapshot job finishes. */
    public boolean slotDropOnStop() {
        return slotDropOnStop;
    }

    /** SQL run every heartbeat interval, or null. */
    public String heartbeatActionQuery() {
        return heartbeatActionQuery;
    }

    /** {@code schema.table} upserted every heartbeat interval, or null. */
    public String heartbeatTable() {
        return heartbeatTable;
    }

    /** {@code schema.table} whose inserted rows are signals, or null. */
    public String signalTable() {
        return signalTable;
    }

    public SlotLostAction slotLostAction() {
        return slotLostAction;
    }

    /** How many completed checkpoints the slot's confirmed position lags behind. */
    public int confirmDelayCheckpoints() {
        return confirmDelayCheckpoints;
    }

    /** {@code slot.failover}: the slot is created (or switched) with FAILOVER (PG 17+). */
    public boolean slotFailover() {
        return slotFailover;
    }

    /** How the job checkpoints (decides the snapshot-to-stream hand-over). */
    public CheckpointMode checkpointMode() {
        return checkpointMode;
    }

    /** bytea representation, unchanged TOAST values and TRUNCATE handling. */
    public ValueHandling values() {
        return values;
    }

    /** How the {@code topic} metadata column and Debezium's {@code source.name} are named. */
    public TopicNaming topicNaming() {
        return topicNaming;
    }

    /** {@code debezium.decimal.handling.mode} of the Debezium JSON deserializer. */
    public DecimalHandlingMode decimalHandlingMode() {
        return decimalHandlingMode;
    }

    /** Slot checks of the stream reader: cadence and warning limits. */
    public SlotHealthSettings slotHealth() {
        return slotHealth;
    }

    /**
     * {@code replica-identity.require-full}: tables without REPLICA IDENTITY FULL are refused
     * instead of having their old rows kept in Flink state.
     */
    public boolean requireFullIdentity() {
        return requireFullIdentity;
    }

    /**
     * Whether the SQL plan keeps each key's last row in Flink state (the table source's
     * ChangelogMaterializer), so that tables whose WAL carries only old keys are exact in {@code
     * all} mode too. Set by the table source, never by an option; false for DataStream sources.
     */
    public boolean oldRowsFromState() {
        return oldRowsFromState;
    }

    /** The same config with {@link #oldRowsFromState()} set. */
    public NeonPostgresSourceConfig withOldRowsFromState(boolean fromState) {
        Builder b = toBuilder();
        b.oldRowsFromState = fromState;
        return b.build();
    }

    /** The scale-to-zero idle mode ({@code neon.idle-disconnect.*}). */
    public IdleDisconnectSettings idleDisconnect() {
        return idleDisconnect;
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.requireFullIdentity = requireFullIdentity;
        b.oldRowsFromState = oldRowsFromState;
        b.idleDisconnect = idleDisconnect;
        b.topicNaming = topicNaming;
        b.decimalHandlingMode = decimalHandlingMode;
        b.slotHealth = slotHealth;
        b.connection = connection;
        b.schemaPattern = schemaPattern;
        b.tablePattern = tablePattern;
        b.tableList = tableList;
        b.slotName = slotName;
        b.publicationName = publicationName;
        b.startupMode = startupMode;
        b.specificOffsetLsn = specificOffsetLsn;
        b.changelogMode = changelogMode;
        b.chunkRows = chunkRows;
        b.chunkBytes = chunkBytes;
        b.chunkKeyColumn = chunkKeyColumn;
        b.heartbeatInterval = heartbeatInterval;
        b.declaredRowType = declaredRowType;
        b.declaredPrimaryKey = declaredPrimaryKey;
        b.tableRowTypes = new HashMap<>(tableRowTypes);
        b.tablePrimaryKeys = new HashMap<>(tablePrimaryKeys);
        b.checkpointMode = checkpointMode;
        b.slotLostAction = slotLostAction;
        b.publicationAutoCreate = publicationAutoCreate;
        b.readOnly = readOnly;
        b.pgoutputBinary = pgoutputBinary;
        b.slotDropOnStop = slotDropOnStop;
        b.heartbeatActionQuery = heartbeatActionQuery;
        b.heartbeatTable = heartbeatTable;
        b.signalTable = signalTable;
        b.confirmDelayCheckpoints = confirmDelayCheckpoints;
        b.slotFailover = slotFailover;
        b.values = values;
        return b;
    }

    @Override
    public String toString() {
        return connection
                + " tables "
                + captureList()
                + " slot "
                + slotName
                + " publication "
                + publicationName
                + " startup "
                + startupMode;
    }

    /** Builder; obtained from {@link #fromOptions}. */
    public static final class Builder {
        ConnectionConfig connection;
        String schemaPattern;
        String tablePattern;
        List<TableId> tableList = List.of();
        String slotName;
        String publicationName;
        StartupMode startupMode;
        Long specificOffsetLsn;
        ChangelogMode changelogMode;
        int chunkRows = DEFAULT_CHUNK_ROWS;
        long chunkBytes = DEFAULT_CHUNK_BYTES;
        String chunkKeyColumn;
        Duration heartbeatInterval;
        RowType declaredRowType;
        List<String> declaredPrimaryKey = List.of();
        Map<TableId, RowType> tableRowTypes = new HashMap<>();
        Map<TableId, List<String>> tablePrimaryKeys = new HashMap<>();
        CheckpointMode checkpointMode = CheckpointMode.UNKNOWN;
        SlotLostAction slotLostAction = SlotLostAction.FAIL;
        PublicationAutoCreate publicationAutoCreate = PublicationAutoCreate.FILTERED;
        boolean readOnly;
        boolean pgoutputBinary = HiddenOptions.PGOUTPUT_BINARY.defaultValue();
        boolean slotDropOnStop;
        String heartbeatActionQuery;
        String heartbeatTable;
        String signalTable;
        int confirmDelayCheckpoints;
        boolean slotFailover;
        ValueHandling values = ValueHandling.DEFAULTS;
        TopicNaming topicNaming = TopicNaming.DEFAULT;
        DecimalHandlingMode decimalHandlingMode = DecimalHandlingMode.PRECISE;
        IdleDisconnectSettings idleDisconnect = IdleDisconnectSettings.OFF;
        SlotHealthSettings slotHealth =
                new SlotHealthSettings(Duration.ofSeconds(30), 1L << 30, Duration.ofHours(4));
        boolean requireFullIdentity;
        boolean oldRowsFromState;

        Builder() {}

        /** Replaces the value handling (e.g. the SQL factory's upsert default {@code fill}). */
        public Builder values(ValueHandling handling) {
            this.values = handling;
            return this;
        }

        public ValueHandling values() {
            return values;
        }

        public Builder checkpointMode(CheckpointMode mode) {
            this.checkpointMode = mode;
            return this;
        }

        /** Sets the physical schema declared by a SQL table and its primary key. */
        public Builder declaredSchema(RowType rowType, List<String> primaryKey) {
            this.declaredRowType = rowType;
            this.declaredPrimaryKey = primaryKey == null ? List.of() : primaryKey;
            return this;
        }

        /**
         * Declares the physical schema and primary key of one table (a shared source reading
         * several SQL tables with their own schemas); other tables keep {@link #declaredSchema}.
         */
        public Builder declaredSchema(TableId table, RowType rowType, List<String> primaryKey) {
            tableRowTypes.put(table, rowType);
            tablePrimaryKeys.put(table, primaryKey == null ? List.of() : List.copyOf(primaryKey));
            return this;
        }

        /** Captures exactly these tables, replacing the capture options. */
        public Builder tableList(List<TableId> tables) {
            this.tableList = List.copyOf(tables);
            this.schemaPattern = null;
            this.tablePattern = null;
            return this;
        }

        public Builder chunkBytes(long bytes) {
            this.chunkBytes = bytes;
            return this;
        }

        public NeonPostgresSourceConfig build() {
            return new NeonPostgresSourceConfig(this);
        }
    }
}
