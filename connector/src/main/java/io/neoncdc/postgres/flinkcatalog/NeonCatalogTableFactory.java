package io.neoncdc.postgres.flinkcatalog;

import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.catalog.TableList;
import io.neoncdc.postgres.config.NeonPostgresOptions;
import io.neoncdc.postgres.table.NeonPostgresDynamicTableFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ObjectIdentifier;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;

/**
 * Reads the tables of a {@link NeonCatalog}: the catalog's connector options, overridden by SQL
 * hints ({@code /*+ OPTIONS('scan.startup.mode' = 'latest-offset') *}{@code /}), for the one
 * PostgreSQL table the Flink table name names. Handed to the planner by {@link
 * NeonCatalog#getFactory()}, so the options never appear in the table's own (visible) options.
 */
final class NeonCatalogTableFactory implements DynamicTableSourceFactory {
    private final Map<String, String> catalogOptions;

    NeonCatalogTableFactory(Map<String, String> catalogOptions) {
        this.catalogOptions = catalogOptions;
    }

    @Override
    public String factoryIdentifier() {
        return NeonCatalogFactory.IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of();
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return new NeonPostgresDynamicTableFactory().optionalOptions();
    }

    @Override
    public DynamicTableSource createDynamicTableSource(Context context) {
        ObjectIdentifier id = context.getObjectIdentifier();
        Map<String, String> hints = context.getCatalogTable().getOptions();
        for (String key : hints.keySet()) {
            if (CatalogOptions.TABLE_NAMING.contains(key)) {
                throw new ValidationException(
                        "'"
                                + key
                                + "' cannot be given to "
                                + id.asSummaryString()
                                + ": a catalog table reads the PostgreSQL table its name names."
                                + " Name another table in the query instead.");
            }
        }
        Map<String, String> options = new HashMap<>(catalogOptions);
        // Every table a job reads through the catalog shares the job's one source per slot.
        options.putIfAbsent(NeonPostgresOptions.SLOT_SHARED.key(), "true");
        options.putAll(hints);
        options.put(FactoryUtil.CONNECTOR.key(), NeonPostgresDynamicTableFactory.IDENTIFIER);
        boolean variant =
                context.getCatalogTable().getResolvedSchema().getColumns().stream()
                        .anyMatch(c -> c instanceof Column.MetadataColumn);
        options.put(
                NeonPostgresOptions.TABLE_LIST.key(),
                TableList.format(List.of(table(id, variant))));
        FactoryUtil.DefaultDynamicTableContext table =
                new FactoryUtil.DefaultDynamicTableContext(
                        id,
                        context.getCatalogTable().copy(options),
                        context.getEnrichmentOptions(),
                        context.getConfiguration(),
                        context.getClassLoader(),
                        context.isTemporary());
        return new NeonPostgresDynamicTableFactory().createDynamicTableSource(table);
    }

    /**
     * The PostgreSQL table of a Flink table name: the metadata variant {@code x$meta} (recognised
     * by its metadata columns: a real table named {@code x$meta} has none) reads {@code x}.
     */
    static TableId table(ObjectIdentifier id, boolean metadataVariant) {
        ObjectPath path = id.toObjectPath();
        CatalogTableName variant = metadataVariant ? CatalogTableName.variant(path) : null;
        return variant == null ? CatalogTableName.exact(path).table() : variant.table();
    }
}
