package io.neoncdc.postgres.table;

import static io.neoncdc.postgres.config.NeonPostgresOptions.*;

import io.neoncdc.postgres.config.ChangelogMode;
import io.neoncdc.postgres.config.CheckpointMode;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import io.neoncdc.postgres.config.OptionSets;
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
        return OptionSets.required();
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return OptionSets.optional();
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
