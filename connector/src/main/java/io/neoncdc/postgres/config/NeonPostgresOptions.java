package io.neoncdc.postgres.config;

import java.time.Duration;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;

/** Every option of the connector, shared by the SQL factory and the DataStream builder. */
@PublicEvolving
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
                    .withDescription(
                            "Table name or regular expression of the captured tables (required"
                                    + " unless 'table-list' is set).");

    public static final ConfigOption<String> TABLE_LIST =
            ConfigOptions.key("table-list")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Exact tables to capture instead of 'schema-name'/'table-name':"
                                    + " comma-separated schema.table names, e.g. 'public.orders,"
                                    + " sales.customers'; a name containing ',' '.' or '\"' is"
                                    + " double-quoted (\"my.schema\".\"my,table\").");

    public static final ConfigOption<String> SLOT_NAME =
            ConfigOptions.key("slot.name")
                    .stringType()
                    .defaultValue("neon_cdc_slot")
                    .withDescription("Logical replication slot (pgoutput); created when missing.");

    public static final ConfigOption<Boolean> SLOT_SHARED =
            ConfigOptions.key("slot.shared")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Serve this table from the job's one shared source of its connection"
                                    + " and slot: every such table of a job (and every table read"
                                    + " through a neon-postgres-cdc catalog, which always shares)"
                                    + " uses one slot, one WAL sender and one snapshot plan. Off"
                                    + " for CREATE TABLE tables, which keeps the operator layout"
                                    + " (and savepoints) of existing jobs.");

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
                    .withDescription(
                            "disable, allow, prefer, require (encrypted, certificate not checked"
                                    + " unless 'ssl.root-cert' is set), verify-ca or verify-full"
                                    + " (recommended for Neon).");

    public static final ConfigOption<String> SSL_ROOT_CERT =
            ConfigOptions.key("ssl.root-cert")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "PEM file of the CA certificate(s) the server certificate must chain"
                                    + " to (verify-ca, verify-full; with require it also turns on"
                                    + " verify-ca, as in libpq). Unset or 'system': the JVM's"
                                    + " trusted public CAs, which cover Neon.");

    public static final ConfigOption<ChannelBinding> SSL_CHANNEL_BINDING =
            ConfigOptions.key("ssl.channel-binding")
                    .enumType(ChannelBinding.class)
                    .defaultValue(ChannelBinding.PREFER)
                    .withDescription(
                            "SCRAM channel binding (tls-server-end-point): prefer, require (fail"
                                    + " unless the server authenticates with SCRAM over TLS and"
                                    + " binds the channel; Neon connection strings ask for it)"
                                    + " or disable.");

    public static final ConfigOption<String> NEON_ENDPOINT_ID =
            ConfigOptions.key("neon.endpoint-id")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Neon endpoint id (e.g. ep-cool-darkness-123456), sent as"
                                + " options=endpoint=<id> for networks where the TLS server name"
                                + " (SNI) cannot carry it, e.g. connecting by IP address.");

    public static final ConfigOption<Boolean> NEON_POOLER_HOST_REWRITE =
            ConfigOptions.key("neon.pooler-host.rewrite")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Rewrite a Neon '-pooler' host name to the direct host instead of"
                                    + " failing (PgBouncer cannot carry replication).");

    public static final ConfigOption<Boolean> NEON_IDLE_DISCONNECT =
            ConfigOptions.key("neon.idle-disconnect")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Scale-to-zero friendly idle mode: after 'neon.idle-disconnect.after'"
                                    + " without changes, once the slot confirmed everything read,"
                                    + " the stream reader closes its replication and catalog"
                                    + " connections so the compute can suspend, and reconnects"
                                    + " per 'neon.idle-disconnect.reconnect-at'. Nothing is lost or"
                                    + " repeated (the slot keeps the position); the trade-off is"
                                    + " latency: a change waits up to the reconnect interval.");

    public static final ConfigOption<Duration> NEON_IDLE_DISCONNECT_AFTER =
            ConfigOptions.key("neon.idle-disconnect.after")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(1))
                    .withDescription(
                            "How long the stream must see no change of the captured tables"
                                    + " before it disconnects (idle mode).");

    public static final ConfigOption<Duration> NEON_IDLE_DISCONNECT_RECONNECT_INTERVAL =
            ConfigOptions.key("neon.idle-disconnect.reconnect-interval")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(10))
                    .withDescription(
                            "How long the stream stays disconnected before it looks for new WAL"
                                    + " (idle mode). Keep it well below Neon's removal of inactive"
                                    + " slots (about 40 h) and PostgreSQL 18's"
                                    + " idle_replication_slot_timeout: the job warns, and stays"
                                    + " disconnected at most half that timeout.");

    public static final ConfigOption<IdleReconnect> NEON_IDLE_DISCONNECT_RECONNECT_AT =
            ConfigOptions.key("neon.idle-disconnect.reconnect-at")
                    .enumType(IdleReconnect.class)
                    .defaultValue(IdleReconnect.INTERVAL)
                    .withDescription("When a disconnected stream reconnects (idle mode).");

    public static final ConfigOption<Boolean> SSH_ENABLED =
            ConfigOptions.key("ssh.enabled")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription("Connect through an SSH tunnel (local port forward).");

    public static final ConfigOption<String> SSH_HOST =
            ConfigOptions.key("ssh.host")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("SSH bastion host.");

    public static final ConfigOption<Integer> SSH_PORT =
            ConfigOptions.key("ssh.port").intType().defaultValue(22).withDescription("SSH port.");

    public static final ConfigOption<String> SSH_USER =
            ConfigOptions.key("ssh.user")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("SSH user name.");

    public static final ConfigOption<String> SSH_PRIVATE_KEY =
            ConfigOptions.key("ssh.private-key")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Path of the SSH private key (OpenSSH or PEM format; RSA, ECDSA or"
                                    + " ed25519) on every Flink machine.");

    public static final ConfigOption<String> SSH_PRIVATE_KEY_PASSPHRASE =
            ConfigOptions.key("ssh.private-key-passphrase")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Passphrase of an encrypted private key. Never logged.");

    public static final ConfigOption<String> SSH_PASSWORD =
            ConfigOptions.key("ssh.password")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("SSH password (instead of or besides a key). Never logged.");

    public static final ConfigOption<String> SSH_KNOWN_HOSTS =
            ConfigOptions.key("ssh.known-hosts")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Path of the known_hosts file that holds the bastion's host key"
                                    + " (default ~/.ssh/known_hosts).");

    public static final ConfigOption<Boolean> SSH_STRICT_HOST_KEY_CHECKING =
            ConfigOptions.key("ssh.strict-host-key-checking")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Refuse a bastion whose host key is not in known_hosts. A changed"
                                    + " key is always refused.");

    public static final ConfigOption<Duration> SSH_KEEPALIVE_INTERVAL =
            ConfigOptions.key("ssh.keepalive-interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription(
                            "Interval of SSH keepalive requests; the tunnel is closed after 3"
                                    + " unanswered ones and re-opened by the next connection."
                                    + " 0 turns keepalives off.");

    public static final ConfigOption<ChangelogMode> CHANGELOG_MODE =
            ConfigOptions.key("changelog-mode")
                    .enumType(ChangelogMode.class)
                    .defaultValue(ChangelogMode.ALL)
                    .withDescription(
                            "all (+I -U +U -D, exact old rows) or upsert (+I +U -D keyed by the"
                                    + " declared primary key).");

    public static final ConfigOption<Boolean> REPLICA_IDENTITY_REQUIRE_FULL =
            ConfigOptions.key("replica-identity.require-full")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Strict mode: refuse captured tables (and leaf partitions) whose"
                                    + " REPLICA IDENTITY is not FULL, naming the ALTER TABLE to"
                                    + " run, so that a SQL table never keeps rows in Flink state."
                                    + " Off (default): for such tables the SQL table keeps each"
                                    + " key's last row in keyed state (one row per key) and emits"
                                    + " the exact changelog from it.");

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
                            "Cadence of the layer-2 heartbeat (heartbeat.action-query or"
                                    + " heartbeat.table). Layer 1, the idle position advance that"
                                    + " keeps the slot from retaining WAL while captured tables are"
                                    + " idle, needs no writes and runs every second.");

    public static final ConfigOption<SlotLostAction> SLOT_LOST_ACTION =
            ConfigOptions.key("slot.lost-action")
                    .enumType(SlotLostAction.class)
                    .defaultValue(SlotLostAction.FAIL)
                    .withDescription(
                            "When the slot is gone, lost WAL, or already confirmed past the"
                                    + " restored position: fail (default) or resnapshot.");

    public static final ConfigOption<Integer> SLOT_CONFIRM_DELAY_CHECKPOINTS =
            ConfigOptions.key("slot.confirm-delay-checkpoints")
                    .intType()
                    .defaultValue(0)
                    .withDescription(
                            "Confirm to the slot the position of the checkpoint this many"
                                    + " completed checkpoints back, so restoring from that many"
                                    + " older checkpoints stays exact (costs WAL retention).");

    public static final ConfigOption<Boolean> SLOT_FAILOVER =
            ConfigOptions.key("slot.failover")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "PostgreSQL 17+, for your own primary and standbys: create the slot"
                                    + " with FAILOVER (an existing one is switched at start), so a"
                                    + " standby with sync_replication_slots = on keeps a copy and"
                                    + " the job resumes from it after a promotion. 'validate'"
                                    + " checks the primary's synchronized_standby_slots and, run"
                                    + " against the standby, its settings.");

    public static final ConfigOption<PublicationAutoCreate> PUBLICATION_AUTO_CREATE =
            ConfigOptions.key("publication.auto-create")
                    .enumType(PublicationAutoCreate.class)
                    .defaultValue(PublicationAutoCreate.FILTERED)
                    .withDescription(
                            "Create the publication when missing (filtered, all-tables) or never"
                                    + " (disabled). A publication the connector did not create is"
                                    + " never altered.");

    public static final ConfigOption<Boolean> READ_ONLY =
            ConfigOptions.key("read-only")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Never write to the source: no publication changes, no heartbeat or"
                                    + " signal writes (the replication slot is still created).");

    public static final ConfigOption<Boolean> SLOT_DROP_ON_STOP =
            ConfigOptions.key("slot.drop-on-stop")
                    .booleanType()
                    .noDefaultValue()
                    .withDescription(
                            "Drop the slot when a bounded 'snapshot' job finishes (default true"
                                    + " there; streaming jobs never drop it).");

    public static final ConfigOption<String> HEARTBEAT_ACTION_QUERY =
            ConfigOptions.key("heartbeat.action-query")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "SQL the stream runs every heartbeat.interval (read-write only), e.g."
                                    + " to write WAL on an otherwise idle database.");

    public static final ConfigOption<String> SIGNAL_TABLE =
            ConfigOptions.key("signal.table")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "schema.table (id varchar PRIMARY KEY, type varchar, data varchar) for"
                                    + " execute-snapshot / stop-snapshot signals, read from the"
                                    + " WAL (so they work with read-only = true when inserted on"
                                    + " the primary). Re-snapshots need changelog-mode = upsert.");

    public static final ConfigOption<String> HEARTBEAT_TABLE =
            ConfigOptions.key("heartbeat.table")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "schema.table (id int PRIMARY KEY, ts timestamptz) the stream upserts"
                                    + " every heartbeat.interval; created when missing (read-write"
                                    + " only).");

    public static final ConfigOption<BinaryRepresentation> BINARY_REPRESENTATION =
            ConfigOptions.key("binary.representation")
                    .enumType(BinaryRepresentation.class)
                    .defaultValue(BinaryRepresentation.BYTES)
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
                                    + " Default: fill for SQL tables that keep rows in state,"
                                    + " else fail.");

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
                    .withDescription(
                            "What a TRUNCATE of a captured table does: fail or skip. With 'skip'"
                                    + " the publication the connector owns does not publish"
                                    + " truncates (publish = 'insert, update, delete').");

    public static final ConfigOption<String> TOPIC_PREFIX =
            ConfigOptions.key("topic.prefix")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Prefix of the 'topic' metadata column, Debezium's topic names:"
                                    + " <topic.prefix>.<schema>.<table> (without a prefix:"
                                    + " <schema>.<table>). Also the source.name of Debezium JSON."
                                    + " Characters other than letters, digits, '.', '_' and '-'"
                                    + " become '_'.");

    public static final ConfigOption<Boolean> TOPIC_PREFIX_DATABASE =
            ConfigOptions.key("topic.prefix-database")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Put the database name in front of the schema in the 'topic' column:"
                                    + " <topic.prefix>.<database>_<schema>.<table> (Streamkap's"
                                    + " 'Prefix with Database Name').");

    public static final ConfigOption<DecimalHandlingMode> DEBEZIUM_DECIMAL_HANDLING_MODE =
            ConfigOptions.key("debezium.decimal.handling.mode")
                    .enumType(DecimalHandlingMode.class)
                    .defaultValue(DecimalHandlingMode.PRECISE)
                    .withDescription(
                            "DataStream Debezium JSON only (a SQL table rejects it): how numeric,"
                                    + " decimal and money values are written, as Debezium's"
                                    + " decimal.handling.mode and with its default. Most consumers"
                                    + " want 'string'.");

    public static final ConfigOption<Duration> SLOT_HEALTH_INTERVAL =
            ConfigOptions.key("slot.health.interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription(
                            "How often the stream reader reads its slot's state"
                                    + " (pg_replication_slots, pg_current_wal_lsn()) on its catalog"
                                    + " connection for the slot metrics and WARN logs (wal_status"
                                    + " extended/unreserved, safe_wal_size below 20% of"
                                    + " max_slot_wal_keep_size, the two limits below). 0 turns it"
                                    + " off.");

    public static final ConfigOption<MemorySize> SLOT_HEALTH_RETAINED_WAL_WARNING =
            ConfigOptions.key("slot.health.retained-wal-warning")
                    .memoryType()
                    .defaultValue(MemorySize.parse("1gb"))
                    .withDescription(
                            "Log a warning when the slot retains more WAL than this (current WAL"
                                    + " position minus the slot's restart_lsn).");

    public static final ConfigOption<Duration> SLOT_HEALTH_RESTART_LSN_AGE_WARNING =
            ConfigOptions.key("slot.health.restart-lsn-age-warning")
                    .durationType()
                    .defaultValue(Duration.ofHours(4))
                    .withDescription(
                            "Log a warning when the WAL at the slot's restart_lsn was written more"
                                + " than this long ago. Neon removes slots about 40 hours of WAL"
                                + " behind; a healthy stream keeps this near one checkpoint"
                                + " interval.");
}
