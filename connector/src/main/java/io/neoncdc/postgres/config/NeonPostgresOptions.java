package io.neoncdc.postgres.config;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** Every option of the connector, shared by the SQL factory and the DataStream builder. */
public final class NeonPostgresOptions {
    private NeonPostgresOptions() {}

    public static final ConfigOption<String> HOSTNAME =
            ConfigOptions.key("hostname")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Host name of the PostgreSQL server (the direct Neon host).");

    public static final ConfigOption<Integer> PORT =
            ConfigOptions.key("port").intType().defaultValue(5432).withDescription("Server port.");

    public static final ConfigOption<String> USERNAME =
            ConfigOptions.key("username")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Role to connect as; needs REPLICATION and SELECT.");

    public static final ConfigOption<String> PASSWORD =
            ConfigOptions.key("password")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Password of the role. Never logged.");

    public static final ConfigOption<String> DATABASE_NAME =
            ConfigOptions.key("database-name")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Database to capture.");

    public static final ConfigOption<String> SCHEMA_NAME =
            ConfigOptions.key("schema-name")
                    .stringType()
                    .defaultValue("public")
                    .withDescription("Schema name or regular expression of the captured tables.");

    public static final ConfigOption<String> TABLE_NAME =
            ConfigOptions.key("table-name")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Table name or regular expression of the captured tables.");

    public static final ConfigOption<String> SLOT_NAME =
            ConfigOptions.key("slot.name")
                    .stringType()
                    .defaultValue("neon_cdc_slot")
                    .withDescription("Logical replication slot (pgoutput); created when missing.");

    public static final ConfigOption<String> PUBLICATION_NAME =
            ConfigOptions.key("publication.name")
                    .stringType()
                    .defaultValue("neon_cdc_pub")
                    .withDescription("Publication that lists the captured tables.");

    public static final ConfigOption<StartupMode> SCAN_STARTUP_MODE =
            ConfigOptions.key("scan.startup.mode")
                    .enumType(StartupMode.class)
                    .defaultValue(StartupMode.INITIAL)
                    .withDescription(
                            "initial (snapshot then stream), snapshot (bounded), latest-offset,"
                                    + " committed-offset or specific-offset.");

    public static final ConfigOption<String> SCAN_STARTUP_SPECIFIC_OFFSET_LSN =
            ConfigOptions.key("scan.startup.specific-offset.lsn")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("LSN to start from in specific-offset mode, e.g. 0/16B3748.");

    public static final ConfigOption<Integer> SCAN_SNAPSHOT_CHUNK_SIZE =
            ConfigOptions.key("scan.snapshot.chunk.size")
                    .intType()
                    .defaultValue(NeonPostgresSourceConfig.DEFAULT_CHUNK_ROWS)
                    .withDescription("Rows per snapshot chunk (chunks are also bounded in bytes).");

    public static final ConfigOption<String> SCAN_SNAPSHOT_CHUNK_KEY_COLUMN =
            ConfigOptions.key("scan.snapshot.chunk.key-column")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Chunk key column for tables without a primary key, or to override"
                                    + " it.");

    public static final ConfigOption<SslMode> SSL_MODE =
            ConfigOptions.key("ssl.mode")
                    .enumType(SslMode.class)
                    .defaultValue(SslMode.REQUIRE)
                    .withDescription("disable, allow, prefer, require, verify-ca or verify-full.");

    public static final ConfigOption<String> SSL_ROOT_CERT =
            ConfigOptions.key("ssl.root-cert")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("CA certificate file for verify-ca and verify-full.");

    public static final ConfigOption<ChangelogMode> CHANGELOG_MODE =
            ConfigOptions.key("changelog-mode")
                    .enumType(ChangelogMode.class)
                    .defaultValue(ChangelogMode.ALL)
                    .withDescription("all (+I -U +U -D, needs REPLICA IDENTITY FULL) or upsert.");

    public static final ConfigOption<Duration> CONNECT_TIMEOUT =
            ConfigOptions.key("connect.timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription("Timeout of one connection attempt.");

    public static final ConfigOption<Integer> CONNECT_MAX_RETRIES =
            ConfigOptions.key("connect.max-retries")
                    .intType()
                    .defaultValue(3)
                    .withDescription(
                            "Reconnect attempts after a transient failure before the task fails"
                                    + " and Flink restarts it from the last checkpoint.");

    public static final ConfigOption<Duration> CONNECT_RETRY_BACKOFF =
            ConfigOptions.key("connect.retry-backoff")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(1))
                    .withDescription("First reconnect delay; doubles per attempt up to 30 s.");

    public static final ConfigOption<Duration> HEARTBEAT_INTERVAL =
            ConfigOptions.key("heartbeat.interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription(
                            "How often an idle stream advances its position to the server's WAL"
                                    + " end, so the slot does not retain WAL while captured tables"
                                    + " are idle.");

    public static final ConfigOption<String> BINARY_REPRESENTATION =
            ConfigOptions.key("binary.representation")
                    .stringType()
                    .defaultValue("bytes")
                    .withDescription(
                            "How bytea declared STRING is written: bytes (PostgreSQL's \\x hex"
                                    + " text), base64, base64-url-safe or hex. BYTES columns always"
                                    + " get the raw bytes.");

    public static final ConfigOption<ToastMode> TOAST_UNCHANGED_VALUE =
            ConfigOptions.key("toast.unchanged-value")
                    .enumType(ToastMode.class)
                    .noDefaultValue()
                    .withDescription(
                            "What an unchanged TOASTed value (not in the WAL without REPLICA"
                                    + " IDENTITY FULL) becomes: fail, placeholder, null or fill."
                                    + " Default: fill for SQL tables in upsert mode, else fail.");

    public static final ConfigOption<String> TOAST_PLACEHOLDER =
            ConfigOptions.key("toast.placeholder")
                    .stringType()
                    .defaultValue("__debezium_unavailable_value")
                    .withDescription(
                            "The marker 'toast.unchanged-value' = 'placeholder' writes into a"
                                    + " STRING column whose TOASTed value did not change.");

    public static final ConfigOption<TruncateAction> TRUNCATE_ACTION =
            ConfigOptions.key("truncate.action")
                    .enumType(TruncateAction.class)
                    .defaultValue(TruncateAction.FAIL)
                    .withDescription("What a TRUNCATE of a captured table does: fail or skip.");
}
