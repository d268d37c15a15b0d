package io.neoncdc.postgres.config;

import static io.neoncdc.postgres.config.NeonPostgresOptions.*;

import java.util.Set;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;

/**
 * The one list of the source's options, required and optional, that the SQL factory, the catalog
 * and the CLI all accept (hidden options are left out: they are for tests and benchmarks).
 */
@Internal
public final class OptionSets {
    private static final Set<ConfigOption<?>> REQUIRED = Set.of(HOSTNAME, USERNAME, DATABASE_NAME);

    private static final Set<ConfigOption<?>> OPTIONAL =
            Set.of(
                    PORT,
                    PASSWORD,
                    SCHEMA_NAME,
                    TABLE_NAME,
                    TABLE_LIST,
                    SLOT_NAME,
                    SLOT_SHARED,
                    PUBLICATION_NAME,
                    SCAN_STARTUP_MODE,
                    SCAN_STARTUP_SPECIFIC_OFFSET_LSN,
                    SCAN_SNAPSHOT_CHUNK_SIZE,
                    SCAN_SNAPSHOT_CHUNK_KEY_COLUMN,
                    SSL_MODE,
                    SSL_ROOT_CERT,
                    SSL_CHANNEL_BINDING,
                    NEON_ENDPOINT_ID,
                    NEON_POOLER_HOST_REWRITE,
                    NEON_IDLE_DISCONNECT,
                    NEON_IDLE_DISCONNECT_AFTER,
                    NEON_IDLE_DISCONNECT_RECONNECT_INTERVAL,
                    NEON_IDLE_DISCONNECT_RECONNECT_AT,
                    SSH_ENABLED,
                    SSH_HOST,
                    SSH_PORT,
                    SSH_USER,
                    SSH_PRIVATE_KEY,
                    SSH_PRIVATE_KEY_PASSPHRASE,
                    SSH_PASSWORD,
                    SSH_KNOWN_HOSTS,
                    SSH_STRICT_HOST_KEY_CHECKING,
                    SSH_KEEPALIVE_INTERVAL,
                    CHANGELOG_MODE,
                    REPLICA_IDENTITY_REQUIRE_FULL,
                    CONNECT_TIMEOUT,
                    CONNECT_MAX_RETRIES,
                    CONNECT_RETRY_BACKOFF,
                    HEARTBEAT_INTERVAL,
                    SLOT_LOST_ACTION,
                    SLOT_CONFIRM_DELAY_CHECKPOINTS,
                    SLOT_FAILOVER,
                    PUBLICATION_AUTO_CREATE,
                    READ_ONLY,
                    SLOT_DROP_ON_STOP,
                    HEARTBEAT_ACTION_QUERY,
                    HEARTBEAT_TABLE,
                    SIGNAL_TABLE,
                    BINARY_REPRESENTATION,
                    TOAST_UNCHANGED_VALUE,
                    TOAST_PLACEHOLDER,
                    TRUNCATE_ACTION,
                    TOPIC_PREFIX,
                    TOPIC_PREFIX_DATABASE,
                    DEBEZIUM_DECIMAL_HANDLING_MODE,
                    SLOT_HEALTH_INTERVAL,
                    SLOT_HEALTH_RETAINED_WAL_WARNING,
                    SLOT_HEALTH_RESTART_LSN_AGE_WARNING);

    private OptionSets() {}

    /** Options every source must set. */
    public static Set<ConfigOption<?>> required() {
        return REQUIRED;
    }

    /** Options a source may set. */
    public static Set<ConfigOption<?>> optional() {
        return OPTIONAL;
    }
}
