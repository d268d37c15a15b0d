package io.neoncdc.postgres.table;

import static io.neoncdc.postgres.config.NeonPostgresOptions.*;

import io.neoncdc.postgres.config.ChangelogMode;
import io.neoncdc.postgres.config.CheckpointMode;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import java.util.List;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.UniqueConstraint;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.types.logical.RowType;

/** Registers {@code 'connector' = 'neon-postgres-cdc'} for Flink SQL. */
public final class NeonPostgresDynamicTableFactory implements DynamicTableSourceFactory {
    public static final String IDENTIFIER = "neon-postgres-cdc";

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of(HOSTNAME, USERNAME, DATABASE_NAME);
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of(
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
    }

    private static boolean explicitToastMode(FactoryUtil.TableFactoryHelper helper) {
        return helper.getOptions().getOptional(TOAST_UNCHANGED_VALUE).isPresent();
    }

    @Override
    public DynamicTableSource createDynamicTableSource(Context context) {
        FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
        helper.validate();
        if (helper.getOptions().getOptional(DEBEZIUM_DECIMAL_HANDLING_MODE).isPresent()) {
            throw new ValidationException(
                    "'"
                            + DEBEZIUM_DECIMAL_HANDLING_MODE.key()
                            + "' only applies to the DataStream Debezium JSON deserializer; a SQL"
                            + " table declares DECIMAL(p, s) or STRING for numeric columns"
                            + " instead.");
        }
        List<String> primaryKey =
                context.getCatalogTable()
                        .getResolvedSchema()
                        .getPrimaryKey()
                        .map(UniqueConstraint::getColumns)
                        .orElse(List.of());
        NeonPostgresSourceConfig.Builder builder =
                NeonPostgresSourceConfig.fromOptions(helper.getOptions());
        RowType physical = (RowType) context.getPhysicalRowDataType().getLogicalType();
        NeonPostgresSourceConfig config =
                builder.declaredSchema(physical, primaryKey)
                        .checkpointMode(CheckpointMode.of(context.getConfiguration()))
                        .build();
        if (config.changelogMode() == ChangelogMode.UPSERT && primaryKey.isEmpty()) {
            throw new ValidationException(
                    "'changelog-mode' = 'upsert' needs a PRIMARY KEY (…) NOT ENFORCED in the table"
                            + " declaration of "
                            + context.getObjectIdentifier()
                            + ".");
        }
        if (helper.getOptions().get(SLOT_SHARED)) {
            return SharedScanTableSource.of(
                    config,
                    context.getCatalogTable().getOptions(),
                    context.getPhysicalRowDataType(),
                    primaryKey,
                    explicitToastMode(helper));
        }
        // Unchanged TOASTed values are filled from state where the plan keeps it, unless declared.
        return new NeonPostgresTableSource(
                config, context.getPhysicalRowDataType(), explicitToastMode(helper));
    }
}
