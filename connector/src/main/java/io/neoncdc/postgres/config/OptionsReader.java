package io.neoncdc.postgres.config;

import static io.neoncdc.postgres.config.NeonPostgresOptions.*;

import io.neoncdc.postgres.catalog.PlatformSlots;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig.Builder;
import io.neoncdc.postgres.convert.ConversionOptions;
import io.neoncdc.postgres.pgoutput.Lsn;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;

/** Maps the options of a SQL table or DataStream builder onto the config, failing on bad values. */
final class OptionsReader {
    private OptionsReader() {}

    /** Reads and validates the options of a SQL table or a DataStream builder. */
    static Builder read(ReadableConfig options) {
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
        b.requireFullIdentity = options.get(REPLICA_IDENTITY_REQUIRE_FULL);
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
        b.pgoutputBinary = options.get(HiddenOptions.PGOUTPUT_BINARY);
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
        b.signalTable = options.get(SIGNAL_TABLE);
        if (b.signalTable != null && !b.signalTable.matches("[^.]+\\.[^.]+")) {
            throw new ValidationException(
                    "'signal.table' = '"
                            + b.signalTable
                            + "' must be schema.table, e.g. 'public.neon_cdc_signal'.");
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
        b.slotFailover = options.get(SLOT_FAILOVER);
        b.values = valueHandling(options, b.changelogMode);
        b.topicNaming =
                new TopicNaming(options.get(TOPIC_PREFIX), options.get(TOPIC_PREFIX_DATABASE));
        b.decimalHandlingMode = options.get(DEBEZIUM_DECIMAL_HANDLING_MODE);
        b.slotHealth =
                new SlotHealthSettings(
                        options.get(SLOT_HEALTH_INTERVAL),
                        options.get(SLOT_HEALTH_RETAINED_WAL_WARNING).getBytes(),
                        options.get(SLOT_HEALTH_RESTART_LSN_AGE_WARNING));
        b.idleDisconnect = idleDisconnect(options, b);
        int port = options.get(PORT);
        if (port < 1 || port > 65535) {
            throw new ValidationException("'port' must be between 1 and 65535, got " + port + ".");
        }
        return b;
    }

    private static IdleDisconnectSettings idleDisconnect(ReadableConfig options, Builder b) {
        IdleDisconnectSettings idle =
                new IdleDisconnectSettings(
                        options.get(NEON_IDLE_DISCONNECT),
                        options.get(NEON_IDLE_DISCONNECT_AFTER),
                        options.get(NEON_IDLE_DISCONNECT_RECONNECT_INTERVAL),
                        options.get(NEON_IDLE_DISCONNECT_RECONNECT_AT));
        for (ConfigOption<java.time.Duration> d :
                List.of(NEON_IDLE_DISCONNECT_AFTER, NEON_IDLE_DISCONNECT_RECONNECT_INTERVAL)) {
            if (options.get(d).compareTo(java.time.Duration.ofSeconds(1)) < 0) {
                throw new ValidationException(
                        "'" + d.key() + "' must be at least 1 s, got " + options.get(d) + ".");
            }
        }
        if (idle.enabled() && (b.heartbeatActionQuery != null || b.heartbeatTable != null)) {
            throw new ValidationException(
                    "'neon.idle-disconnect' = 'true' lets the compute suspend, but"
                            + " 'heartbeat.action-query' / 'heartbeat.table' write every"
                            + " 'heartbeat.interval' and keep it awake. Use one or the other: the"
                            + " idle mode confirms the slot's position at each reconnect, so it"
                            + " needs no heartbeat writes.");
        }
        return idle;
    }

    private static ValueHandling valueHandling(ReadableConfig options, ChangelogMode mode) {
        ConversionOptions conversion;
        try {
            conversion =
                    ConversionOptions.defaults()
                            .withBinaryRepresentation(
                                    ConversionOptions.BinaryRepresentation.valueOf(
                                            options.get(BINARY_REPRESENTATION).name()));
        } catch (IllegalArgumentException e) {
            throw new ValidationException(
                    "Unknown 'binary.representation' ("
                            + e.getMessage()
                            + "): use bytes, base64, base64-url-safe or hex",
                    e);
        }
        ToastMode toast = options.getOptional(TOAST_UNCHANGED_VALUE).orElse(ToastMode.FAIL);
        if (toast == ToastMode.FILL && options.get(REPLICA_IDENTITY_REQUIRE_FULL)) {
            throw new ValidationException(
                    "'toast.unchanged-value' = 'fill' keeps rows in Flink state, which"
                            + " 'replica-identity.require-full' = 'true' rules out; REPLICA"
                            + " IDENTITY FULL already gives every unchanged value.");
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
                || publication.getBytes(StandardCharsets.UTF_8).length > 63
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
        if (PlatformSlots.isPlatform(slot)) {
            throw new ValidationException(
                    "'slot.name' = '"
                            + slot
                            + "' is a name the platform uses for its own slots (Neon's"
                            + " wal_proposer_slot and wal_retention_slot, Lakebase's wal2delta_…):"
                            + " the connector never creates, uses or drops those. Choose another"
                            + " name, e.g. 'neon_cdc_slot'.");
        }
        return slot;
    }
}
