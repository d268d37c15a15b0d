package io.neoncdc.postgres.config;

import static io.neoncdc.postgres.config.NeonPostgresOptions.*;

import io.neoncdc.postgres.convert.ConversionOptions;
import io.neoncdc.postgres.pgoutput.Lsn;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.types.logical.RowType;

/** The one immutable configuration object of a source: connection, capture list, modes, sizes. */
public final class NeonPostgresSourceConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Rows per snapshot chunk unless configured; chosen by the snapshot benchmark. */
    public static final int DEFAULT_CHUNK_ROWS = 65_536;

    /** Upper bound of one chunk's converted rows held in memory, whatever the row count. */
    public static final long DEFAULT_CHUNK_BYTES = 32L << 20;

    private final ConnectionConfig connection;
    private final String schemaPattern;
    private final String tablePattern;
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
    private final ValueHandling values;

    private NeonPostgresSourceConfig(Builder b) {
        this.checkpointMode = b.checkpointMode;
        this.values = b.values;
        this.connection = b.connection;
        this.schemaPattern = b.schemaPattern;
        this.tablePattern = b.tablePattern;
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
        checkNotPoolerHost(options.get(HOSTNAME));
        b.connection =
                new ConnectionConfig(
                        options.get(HOSTNAME),
                        options.get(PORT),
                        options.get(DATABASE_NAME),
                        options.get(USERNAME),
                        options.get(PASSWORD),
                        options.get(SSL_MODE),
                        options.get(SSL_ROOT_CERT),
                        options.get(CONNECT_TIMEOUT),
                        options.get(CONNECT_MAX_RETRIES),
                        options.get(CONNECT_RETRY_BACKOFF));
        b.schemaPattern = checkRegex(SCHEMA_NAME.key(), options.get(SCHEMA_NAME));
        b.tablePattern = checkRegex(TABLE_NAME.key(), options.get(TABLE_NAME));
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
        b.values = valueHandling(options, b.changelogMode);
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

    private static String checkRegex(String option, String regex) {
        try {
            Pattern.compile(regex);
            return regex;
        } catch (PatternSyntaxException e) {
            throw new ValidationException(
                    "'"
                            + option
                            + "' = '"
                            + regex
                            + "' is not a valid regular expression: "
                            + e.getDescription(),
                    e);
        }
    }

    /**
     * A Neon {@code -pooler} host is PgBouncer in transaction mode: it rejects the replication
     * startup parameter and breaks snapshot sessions, so fail with the direct host before
     * connecting.
     */
    private static void checkNotPoolerHost(String host) {
        if (host == null) {
            return;
        }
        int dot = host.indexOf('.');
        String first = dot < 0 ? host : host.substring(0, dot);
        if (first.toLowerCase(java.util.Locale.ROOT).endsWith("-pooler")) {
            String direct =
                    first.substring(0, first.length() - "-pooler".length())
                            + (dot < 0 ? "" : host.substring(dot));
            throw new ValidationException(
                    "'hostname' = '"
                            + host
                            + "' is a pooled (PgBouncer) connection host, which cannot carry"
                            + " logical replication ('unsupported startup parameter:"
                            + " replication') or snapshot sessions. Use the direct host: 'hostname'"
                            + " = '"
                            + direct
                            + "' (in the Neon console, turn off 'Connection pooling' when copying"
                            + " the connection string).");
        }
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

    /** How the job checkpoints (decides the snapshot-to-stream hand-over). */
    public CheckpointMode checkpointMode() {
        return checkpointMode;
    }

    /** bytea representation, unchanged TOAST values and TRUNCATE handling. */
    public ValueHandling values() {
        return values;
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.connection = connection;
        b.schemaPattern = schemaPattern;
        b.tablePattern = tablePattern;
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
        b.values = values;
        return b;
    }

    @Override
    public String toString() {
        return connection
                + " tables "
                + schemaPattern
                + "."
                + tablePattern
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
        private ValueHandling values = ValueHandling.DEFAULTS;

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
