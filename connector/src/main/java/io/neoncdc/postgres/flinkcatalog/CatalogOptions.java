package io.neoncdc.postgres.flinkcatalog;

import io.neoncdc.postgres.config.NeonPostgresOptions;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import io.neoncdc.postgres.config.OptionSets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.ValidationException;

/**
 * The options of {@code CREATE CATALOG … WITH ('type' = 'neon-postgres-cdc', …)}: the table
 * connector's options (connection, TLS/SSH, slot, publication, capture behaviour) without the ones
 * that name tables, plus {@code default-database}. Read by the table connector's own readers.
 */
final class CatalogOptions {
    static final ConfigOption<String> DEFAULT_DATABASE =
            ConfigOptions.key("default-database")
                    .stringType()
                    .defaultValue("public")
                    .withDescription(
                            "The PostgreSQL schema a Flink session using this catalog starts in.");

    /** Options that name the captured tables: the catalog derives them from the table name. */
    static final Set<String> TABLE_NAMING =
            Set.of(
                    NeonPostgresOptions.SCHEMA_NAME.key(),
                    NeonPostgresOptions.TABLE_NAME.key(),
                    NeonPostgresOptions.TABLE_LIST.key());

    private static final Set<String> CATALOG_ONLY = Set.of("type", "property-version");

    private CatalogOptions() {}

    static Set<ConfigOption<?>> required() {
        return OptionSets.required();
    }

    static Set<ConfigOption<?>> optional() {
        Set<ConfigOption<?>> options = new HashSet<>();
        for (ConfigOption<?> o : OptionSets.optional()) {
            if (!TABLE_NAMING.contains(o.key())) {
                options.add(o);
            }
        }
        options.add(DEFAULT_DATABASE);
        return options;
    }

    /**
     * The connector options of the catalog (what {@code CREATE CATALOG} gave, without {@code type}
     * and {@code default-database}); fails on table-naming options, which a catalog derives.
     */
    static Map<String, String> connectorOptions(Map<String, String> catalogOptions) {
        Map<String, String> result = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : catalogOptions.entrySet()) {
            if (TABLE_NAMING.contains(e.getKey())) {
                throw new ValidationException(
                        "'"
                                + e.getKey()
                                + "' cannot be set on a neon-postgres-cdc catalog: its tables are"
                                + " the tables of the database, named <catalog>.<schema>.<table>"
                                + " in SQL. Remove the option.");
            }
            if (!CATALOG_ONLY.contains(e.getKey()) && !e.getKey().equals(DEFAULT_DATABASE.key())) {
                result.put(e.getKey(), e.getValue());
            }
        }
        return result;
    }

    /**
     * Reads the connector options with the table connector's reader, so a bad value fails at {@code
     * CREATE CATALOG} with the same message a table would give.
     */
    static NeonPostgresSourceConfig validate(Map<String, String> connectorOptions, String schema) {
        Map<String, String> probe = new HashMap<>(connectorOptions);
        probe.put(NeonPostgresOptions.SCHEMA_NAME.key(), schema);
        probe.put(NeonPostgresOptions.TABLE_NAME.key(), ".*");
        return NeonPostgresSourceConfig.fromOptions(Configuration.fromMap(probe)).build();
    }
}
