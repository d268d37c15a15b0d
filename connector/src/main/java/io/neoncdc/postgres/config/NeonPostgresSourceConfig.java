package io.neoncdc.postgres.config;

import static io.neoncdc.postgres.config.NeonPostgresOptions.*;

import io.neoncdc.postgres.catalog.CaptureList;
import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.convert.ConversionOptions;
import io.neoncdc.postgres.pgoutput.Lsn;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.types.logical.RowType;

/** The one immutable configuration object of a source: connection, capture list, modes, sizes. */
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
    private final CheckpointMode checkpointMode;
    private final SlotLostAction slotLostAction;
    private final PublicationAutoCreate publicationAutoCreate;
    private final boolean readOnly;
    private final boolean slotDropOnStop;
    private final String heartbeatActionQuery;
    private final String heartbeatTable;
    private final int confirmDelayCheckpoints;
    private final ValueHandling values;
    private final TopicNaming topicNaming;
    private final DecimalHandlingMode decimalHandlingMode;
    private final SlotHealthSettings slotHealth;

    private NeonPostgresSourceConfig(Builder b) {
        this.topicNaming = b.topicNaming;
        this.decimalHandlingMode = b.decimalHandlingMode;
        this.slotHealth = b.slotHealth;
        this.slotLostAction = b.slotLostAction;
        this.publicationAutoCreate = b.publicationAutoCreate;
        this.readOnly = b.readOnly;
        this.slotDropOnStop = b.slotDropOnStop;
        this.heartbeatActionQuery = b.heartbeatActionQuery;
        this.heartbeatTable = b.heartbeatTable;
        this.confirmDelayCheckpoints = b.confirmDelayCheckpoints;
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
    }

    /** Reads and validates the options of a SQL table or a DataStream builder. */
    public static Builder fromOptions(ReadableConfig options) {
        Builder b = new Builder();
        for (ConfigOption<String> required :
                List.of(HOSTNAME, USERNAME, DATABASE_NAME, TABLE_NAME)) {
            String value = options.get(required);
            if (value != null && value.isBlank()) {
                throw new ValidationException(
                        "'" + required.key() + "' is empty: it is required, set it to a value.");
            }
        }
        b.connection = ConnectionOptions.parse(options);
        CaptureOptions capture = CaptureOptions.read(options);
        b.schemaPattern = capture.schemaPattern;
        b.tablePattern = capture.tablePattern;
        b.tableList = capture.tableList;
        b.slotName = checkSlotName(options.get(SLOT_NAME));
        b.publicationName = checkPublicationName(options.get(PUBLICATION_NAME));
        b.startupMode = options.get(SCAN_STARTUP_MODE);
        String lsn = options.get(SCAN_STARTUP_SPECIFIC_OFFSET_LSN);
        if (b.startupMode == StartupMode.SPECIFIC_OFFSET && lsn == null) {
            throw new ValidationException(
                    "'scan.startup.mode' = 'specific-offset' needs"
                            + " 'scan.startup.specific-offset.lsn' (e.g. '0/16B3748').");
        }
        if (lsn != null) {
            try {
                b.specificOffsetLsn = Lsn.parse(lsn);
            } catch (IllegalArgumentException e) {
                throw new ValidationException(
                        "Invalid 'scan.startup.specific-offset.lsn' = '"
                                + lsn
                                + "': expected an LSN like '0/16B3748'.",
                        e);
            }
        }
        b.changelogMode = options.get(CHANGELOG_MODE);
        b.chunkRows = options.get(SCAN_SNAPSHOT_CHUNK_SIZE);
        if (b.chunkRows < 1) {
            throw new ValidationException(
                    "'scan.snapshot.chunk.size' must be at least 1, got " + b.chunkRows + ".");
        }
        b.chunkKeyColumn = options.get(SCAN_SNAPSHOT_CHUNK_KEY_COLUMN);
        b.heartbeatInterval = options.get(HEARTBEAT_INTERVAL);
        b.slotLostAction = options.get(SLOT_LOST_ACTION);
        b.publicationAutoCreate = options.get(PUBLICATION_AUTO_CREATE);
        b.readOnly = options.get(READ_ONLY);
        b.heartbeatActionQuery = options.get(HEARTBEAT_ACTION_QUERY);
        b.heartbeatTable = options.get(HEARTBEAT_TABLE);
        if (b.readOnly && (b.heartbeatActionQuery != null || b.heartbeatTable != null)) {
            throw new ValidationException(
                    "'read-only' = 'true' never writes, so 'heartbeat.action-query' and"
                            + " 'heartbeat.table' cannot be used. Feed a captured heartbeat table"
                            + " from a pg_cron job on the primary instead.");
        }
        if (b.heartbeatTable != null && !b.heartbeatTable.matches("[^.]+\\.[^.]+")) {
            throw new ValidationException(
                    "'heartbeat.table' = '"
                            + b.heartbeatTable
                            + "' must be schema.table, e.g. 'public.neon_cdc_heartbeat'.");
        }
        b.slotDropOnStop =
                options.getOptional(SLOT_DROP_ON_STOP)
                        .orElse(b.startupMode == StartupMode.SNAPSHOT);
        if (b.slotDropOnStop && b.startupMode.streams()) {
            throw new ValidationException(
                    "'slot.drop-on-stop' = 'true' only applies to 'scan.startup.mode' ="
                            + " 'snapshot': a streaming job keeps its slot to resume from it.");
        }
        b.confirmDelayCheckpoints = options.get(SLOT_CONFIRM_DELAY_CHECKPOINTS);
        if (b.confirmDelayCheckpoints < 0) {
            throw new ValidationException(
                    "'slot.confirm-delay-checkpoints' must be 0 or more, got "
                            + b.confirmDelayCheckpoints
                            + ".");
        }
        b.values = valueHandling(options, b.changelogMode);
        b.topicNaming =
                new TopicNaming(options.get(TOPIC_PREFIX), options.get(TOPIC_PREFIX_DATABASE));
        b.decimalHandlingMode = options.get(DEBEZIUM_DECIMAL_HANDLING_MODE);
        b.slotHealth =
                new SlotHealthSettings(
                        options.get(SLOT_HEALTH_INTERVAL),
                        options.get(SLOT_HEALTH_RETAINED_WAL_WARNING).getBytes(),
                        options.get(SLOT_HEALTH_RESTART_LSN_AGE_WARNING));
        int port = options.get(PORT);
        if (port < 1 || port > 65535) {
            throw new ValidationException("'port' must be between 1 and 65535, got " + port + ".");
        }
        return b;
    }

    private static ValueHandling valueHandling(ReadableConfig options, ChangelogMode mode) {
        ConversionOptions conversion;
        try {
            conversion =
                    ConversionOptions.defaults()
                            .withBinaryRepresentation(
                                    ConversionOptions.BinaryRepresentation.fromOption(
                                            options.get(BINARY_REPRESENTATION)));
        } catch (IllegalArgumentException e) {
            throw new ValidationException(e.getMessage(), e);
        }
        ToastMode toast = options.getOptional(TOAST_UNCHANGED_VALUE).orElse(ToastMode.FAIL);
        if (toast == ToastMode.FILL && mode != ChangelogMode.UPSERT) {
            throw new ValidationException(
                    "'toast.unchanged-value' = 'fill' keeps values per primary key and needs"
                            + " 'changelog-mode' = 'upsert'; with 'all', REPLICA IDENTITY FULL"
                            + " already gives every unchanged value.");
        }
        return new ValueHandling(
                conversion, toast, options.get(TOAST_PLACEHOLDER), options.get(TRUNCATE_ACTION));
    }

    /**
     * Publication names reach the START_REPLICATION command inside a string literal that pgjdbc
     * does not escape, so a quote there must never get through.
     */
    private static String checkPublicationName(String publication) {
        if (publication.isEmpty()
                || publication.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 63
                || publication.indexOf('\'') >= 0
                || publication.indexOf('\0') >= 0) {
            throw new ValidationException(
                    "'publication.name' = '"
                            + publication
                            + "' is not a usable publication name: use 1-63 bytes without single"
                            + " quotes (e.g. 'neon_cdc_pub').");
        }
        return publication;
    }

    private static String checkSlotName(String slot) {
        if (!slot.matches("[a-z0-9_]{1,63}")) {
            throw new ValidationException(
                    "'slot.name' = '"
                            + slot
                            + "' is not a valid replication slot name: use 1-63 lower-case letters,"
                            + " digits and underscores.");
        }
        return slot;
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

    public PublicationAutoCreate publicationAutoCreate() {
        return publicationAutoCreate;
    }

    /** Never write to the source database. */
    public boolean readOnly() {
        return readOnly;
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

    public SlotLostAction slotLostAction() {
        return slotLostAction;
    }

    /** How many completed checkpoints the slot's confirmed position lags behind. */
    public int confirmDelayCheckpoints() {
        return confirmDelayCheckpoints;
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

    public Builder toBuilder() {
        Builder b = new Builder();
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
        b.checkpointMode = checkpointMode;
        b.slotLostAction = slotLostAction;
        b.publicationAutoCreate = publicationAutoCreate;
        b.readOnly = readOnly;
        b.slotDropOnStop = slotDropOnStop;
        b.heartbeatActionQuery = heartbeatActionQuery;
        b.heartbeatTable = heartbeatTable;
        b.confirmDelayCheckpoints = confirmDelayCheckpoints;
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
        private ConnectionConfig connection;
        private String schemaPattern;
        private String tablePattern;
        private List<TableId> tableList = List.of();
        private String slotName;
        private String publicationName;
        private StartupMode startupMode;
        private Long specificOffsetLsn;
        private ChangelogMode changelogMode;
        private int chunkRows = DEFAULT_CHUNK_ROWS;
        private long chunkBytes = DEFAULT_CHUNK_BYTES;
        private String chunkKeyColumn;
        private Duration heartbeatInterval;
        private RowType declaredRowType;
        private List<String> declaredPrimaryKey = List.of();
        private CheckpointMode checkpointMode = CheckpointMode.UNKNOWN;
        private SlotLostAction slotLostAction = SlotLostAction.FAIL;
        private PublicationAutoCreate publicationAutoCreate = PublicationAutoCreate.FILTERED;
        private boolean readOnly;
        private boolean slotDropOnStop;
        private String heartbeatActionQuery;
        private String heartbeatTable;
        private int confirmDelayCheckpoints;
        private ValueHandling values = ValueHandling.DEFAULTS;
        private TopicNaming topicNaming = TopicNaming.DEFAULT;
        private DecimalHandlingMode decimalHandlingMode = DecimalHandlingMode.PRECISE;
        private SlotHealthSettings slotHealth =
                new SlotHealthSettings(Duration.ofSeconds(30), 1L << 30, Duration.ofHours(4));

        private Builder() {}

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

        public Builder chunkBytes(long bytes) {
            this.chunkBytes = bytes;
            return this;
        }

        public NeonPostgresSourceConfig build() {
            return new NeonPostgresSourceConfig(this);
        }
    }
}
