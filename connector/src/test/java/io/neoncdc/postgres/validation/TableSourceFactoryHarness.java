package io.neoncdc.postgres.validation;

import io.neoncdc.postgres.table.NeonPostgresDynamicTableFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ObjectIdentifier;
import org.apache.flink.table.catalog.ResolvedCatalogTable;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.catalog.UniqueConstraint;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.factories.FactoryUtil;

/** Creates a neon-postgres-cdc table source from options the way the planner does, no database. */
final class TableSourceFactoryHarness {
    static final ObjectIdentifier TABLE = ObjectIdentifier.of("cat", "db", "orders");

    private TableSourceFactoryHarness() {}

    /** A complete, valid option set; tests remove or override entries. */
    static Map<String, String> validOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("connector", NeonPostgresDynamicTableFactory.IDENTIFIER);
        options.put("hostname", "localhost");
        options.put("username", "flink");
        options.put("password", "s3cret-Pa55");
        options.put("database-name", "shop");
        options.put("table-name", "orders");
        return options;
    }

    /** Creates the source through FactoryUtil (factory discovery, option validation, config). */
    static DynamicTableSource create(Map<String, String> options, boolean primaryKey) {
        List<Column> columns =
                List.of(
                        Column.physical("id", DataTypes.BIGINT().notNull()),
                        Column.physical("note", DataTypes.STRING()));
        ResolvedSchema schema =
                new ResolvedSchema(
                        columns,
                        List.of(),
                        primaryKey ? UniqueConstraint.primaryKey("pk", List.of("id")) : null);
        CatalogTable table =
                CatalogTable.newBuilder()
                        .schema(Schema.newBuilder().fromResolvedSchema(schema).build())
                        .options(options)
                        .build();
        return FactoryUtil.createDynamicTableSource(
                null,
                TABLE,
                new ResolvedCatalogTable(table, schema),
                Map.of(),
                new Configuration(),
                TableSourceFactoryHarness.class.getClassLoader(),
                false);
    }

    /** The messages of an exception and all its causes, one per line. */
    static String messages(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c.getClass().getSimpleName())
                    .append(": ")
                    .append(c.getMessage())
                    .append('\n');
        }
        return sb.toString();
    }
}
