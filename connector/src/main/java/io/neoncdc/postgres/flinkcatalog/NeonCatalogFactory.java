package io.neoncdc.postgres.flinkcatalog;

import io.neoncdc.postgres.table.NeonPostgresDynamicTableFactory;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.table.catalog.Catalog;
import org.apache.flink.table.factories.CatalogFactory;
import org.apache.flink.table.factories.FactoryUtil;

/**
 * Creates the catalog of {@code CREATE CATALOG neon WITH ('type' = 'neon-postgres-cdc', 'hostname'
 * = …, 'username' = …, 'password' = …, 'database-name' = …, …)}.
 */
public final class NeonCatalogFactory implements CatalogFactory {
    /** The same identifier as the table connector's, as Flink's JDBC catalog and connector do. */
    public static final String IDENTIFIER = NeonPostgresDynamicTableFactory.IDENTIFIER;

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return CatalogOptions.required();
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return CatalogOptions.optional();
    }

    @Override
    public Catalog createCatalog(Context context) {
        FactoryUtil.CatalogFactoryHelper helper =
                FactoryUtil.createCatalogFactoryHelper(this, context);
        // Table-naming options get their own message rather than "unsupported option".
        CatalogOptions.connectorOptions(context.getOptions());
        helper.validate();
        return new NeonCatalog(
                context.getName(),
                helper.getOptions().get(CatalogOptions.DEFAULT_DATABASE),
                CatalogOptions.connectorOptions(context.getOptions()));
    }
}
