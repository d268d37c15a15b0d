package io.neoncdc.postgres.flinkcatalog;

import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.table.catalog.AbstractCatalog;
import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.CatalogDatabase;
import org.apache.flink.table.catalog.CatalogDatabaseImpl;
import org.apache.flink.table.catalog.CatalogFunction;
import org.apache.flink.table.catalog.CatalogPartition;
import org.apache.flink.table.catalog.CatalogPartitionSpec;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.exceptions.CatalogException;
import org.apache.flink.table.catalog.exceptions.DatabaseNotExistException;
import org.apache.flink.table.catalog.exceptions.FunctionNotExistException;
import org.apache.flink.table.catalog.exceptions.PartitionNotExistException;
import org.apache.flink.table.catalog.exceptions.TableNotExistException;
import org.apache.flink.table.catalog.exceptions.TableNotPartitionedException;
import org.apache.flink.table.catalog.stats.CatalogColumnStatistics;
import org.apache.flink.table.catalog.stats.CatalogTableStatistics;
import org.apache.flink.table.expressions.Expression;
import org.apache.flink.table.factories.Factory;

/**
 * The read-only Flink catalog {@code 'type' = 'neon-postgres-cdc'} over one PostgreSQL database:
 * Flink databases are its schemas, Flink tables its capturable tables (see {@link
 * CatalogContents}), read by the {@code neon-postgres-cdc} connector with the catalog's options and
 * SQL hints. Every write (DDL, functions, partitions, statistics) fails with a message saying so.
 */
public final class NeonCatalog extends AbstractCatalog {
    private final Map<String, String> connectorOptions;
    private final CatalogContents contents;

    NeonCatalog(String name, String defaultDatabase, Map<String, String> connectorOptions) {
        super(name, defaultDatabase);
        this.connectorOptions = Map.copyOf(connectorOptions);
        NeonPostgresSourceConfig config =
                CatalogOptions.validate(connectorOptions, defaultDatabase);
        this.contents = new CatalogContents(name, config);
    }

    @Override
    public Optional<Factory> getFactory() {
        return Optional.of(new NeonCatalogTableFactory(connectorOptions));
    }

    @Override
    public void open() {
        // Connects once, so a wrong host, password, TLS setting or database fails CREATE CATALOG.
        List<String> schemas = contents.schemas();
        if (!schemas.contains(getDefaultDatabase())) {
            throw new CatalogException(
                    "Schema '"
                            + getDefaultDatabase()
                            + "' ('default-database' of catalog '"
                            + getName()
                            + "') does not exist in database '"
                            + contents.database()
                            + "'. Its schemas are "
                            + schemas
                            + "; set 'default-database' to one of them.");
        }
    }

    @Override
    public void close() {}

    // ---- databases = PostgreSQL schemas ----

    @Override
    public List<String> listDatabases() {
        return contents.schemas();
    }

    @Override
    public CatalogDatabase getDatabase(String name) throws DatabaseNotExistException {
        String comment =
                contents.schema(name)
                        .orElseThrow(() -> new DatabaseNotExistException(getName(), name));
        return new CatalogDatabaseImpl(Map.of(), comment);
    }

    @Override
    public boolean databaseExists(String name) {
        return contents.schema(name).isPresent();
    }

    // ---- tables ----

    @Override
    public List<String> listTables(String database) throws DatabaseNotExistException {
        requireDatabase(database);
        return contents.tables(database);
    }

    @Override
    public List<String> listViews(String database) throws DatabaseNotExistException {
        requireDatabase(database);
        return List.of();
    }

    @Override
    public CatalogBaseTable getTable(ObjectPath path) throws TableNotExistException {
        return contents.table(path).orElseThrow(() -> new TableNotExistException(getName(), path));
    }

    @Override
    public boolean tableExists(ObjectPath path) {
        try {
            return contents.table(path).isPresent();
        } catch (CatalogException notCapturable) {
            return false;
        }
    }

    private void requireDatabase(String database) throws DatabaseNotExistException {
        if (!databaseExists(database)) {
            throw new DatabaseNotExistException(getName(), database);
        }
    }

    // ---- nothing else exists: no partitions (PostgreSQL partitions are read through their
    // root), functions or statistics ----

    @Override
    public List<CatalogPartitionSpec> listPartitions(ObjectPath path)
            throws TableNotPartitionedException {
        throw new TableNotPartitionedException(getName(), path);
    }

    @Override
    public List<CatalogPartitionSpec> listPartitions(ObjectPath path, CatalogPartitionSpec spec)
            throws TableNotPartitionedException {
        throw new TableNotPartitionedException(getName(), path);
    }

    @Override
    public List<CatalogPartitionSpec> listPartitionsByFilter(
            ObjectPath path, List<Expression> filters) throws TableNotPartitionedException {
        throw new TableNotPartitionedException(getName(), path);
    }

    @Override
    public CatalogPartition getPartition(ObjectPath path, CatalogPartitionSpec spec)
            throws PartitionNotExistException {
        throw new PartitionNotExistException(getName(), path, spec);
    }

    @Override
    public boolean partitionExists(ObjectPath path, CatalogPartitionSpec spec) {
        return false;
    }

    @Override
    public List<String> listFunctions(String database) throws DatabaseNotExistException {
        requireDatabase(database);
        return List.of();
    }

    @Override
    public CatalogFunction getFunction(ObjectPath path) throws FunctionNotExistException {
        throw new FunctionNotExistException(getName(), path);
    }

    @Override
    public boolean functionExists(ObjectPath path) {
        return false;
    }

    @Override
    public CatalogTableStatistics getTableStatistics(ObjectPath path) {
        return CatalogTableStatistics.UNKNOWN;
    }

    @Override
    public CatalogColumnStatistics getTableColumnStatistics(ObjectPath path) {
        return CatalogColumnStatistics.UNKNOWN;
    }

    @Override
    public CatalogTableStatistics getPartitionStatistics(
            ObjectPath path, CatalogPartitionSpec spec) {
        return CatalogTableStatistics.UNKNOWN;
    }

    @Override
    public CatalogColumnStatistics getPartitionColumnStatistics(
            ObjectPath path, CatalogPartitionSpec spec) {
        return CatalogColumnStatistics.UNKNOWN;
    }

    // ---- writes: refused ----

    @Override
    public void createDatabase(String name, CatalogDatabase database, boolean ignoreIfExists) {
        throw refused("CREATE DATABASE " + name);
    }

    @Override
    public void dropDatabase(String name, boolean ignoreIfNotExists, boolean cascade) {
        throw refused("DROP DATABASE " + name);
    }

    @Override
    public void alterDatabase(String name, CatalogDatabase newDatabase, boolean ignore) {
        throw refused("ALTER DATABASE " + name);
    }

    @Override
    public void dropTable(ObjectPath path, boolean ignoreIfNotExists) {
        throw refused("DROP TABLE " + path.getFullName());
    }

    @Override
    public void renameTable(ObjectPath path, String newName, boolean ignoreIfNotExists) {
        throw refused("ALTER TABLE " + path.getFullName() + " RENAME");
    }

    @Override
    public void createTable(ObjectPath path, CatalogBaseTable table, boolean ignoreIfExists) {
        throw refused("CREATE " + (isView(table) ? "VIEW " : "TABLE ") + path.getFullName());
    }

    @Override
    public void alterTable(ObjectPath path, CatalogBaseTable newTable, boolean ignore) {
        throw refused("ALTER TABLE " + path.getFullName());
    }

    @Override
    public void createPartition(
            ObjectPath path, CatalogPartitionSpec spec, CatalogPartition p, boolean ignore) {
        throw refused("ALTER TABLE " + path.getFullName() + " ADD PARTITION");
    }

    @Override
    public void dropPartition(ObjectPath path, CatalogPartitionSpec spec, boolean ignore) {
        throw refused("ALTER TABLE " + path.getFullName() + " DROP PARTITION");
    }

    @Override
    public void alterPartition(
            ObjectPath path, CatalogPartitionSpec spec, CatalogPartition p, boolean ignore) {
        throw refused("ALTER TABLE " + path.getFullName() + " PARTITION");
    }

    @Override
    public void createFunction(ObjectPath path, CatalogFunction function, boolean ignore) {
        throw refused("CREATE FUNCTION " + path.getFullName());
    }

    @Override
    public void alterFunction(ObjectPath path, CatalogFunction function, boolean ignore) {
        throw refused("ALTER FUNCTION " + path.getFullName());
    }

    @Override
    public void dropFunction(ObjectPath path, boolean ignoreIfNotExists) {
        throw refused("DROP FUNCTION " + path.getFullName());
    }

    @Override
    public void alterTableStatistics(
            ObjectPath path, CatalogTableStatistics statistics, boolean ignore) {
        throw refused("ANALYZE TABLE " + path.getFullName());
    }

    @Override
    public void alterTableColumnStatistics(
            ObjectPath path, CatalogColumnStatistics statistics, boolean ignore) {
        throw refused("ANALYZE TABLE " + path.getFullName());
    }

    @Override
    public void alterPartitionStatistics(
            ObjectPath path,
            CatalogPartitionSpec spec,
            CatalogTableStatistics statistics,
            boolean ignore) {
        throw refused("ANALYZE TABLE " + path.getFullName());
    }

    @Override
    public void alterPartitionColumnStatistics(
            ObjectPath path,
            CatalogPartitionSpec spec,
            CatalogColumnStatistics statistics,
            boolean ignore) {
        throw refused("ANALYZE TABLE " + path.getFullName());
    }

    private static boolean isView(CatalogBaseTable table) {
        return table != null && table.getTableKind() == CatalogBaseTable.TableKind.VIEW;
    }

    private CatalogException refused(String statement) {
        return new CatalogException(
                statement
                        + " is not possible in catalog '"
                        + getName()
                        + "': it is read-only and shows the tables of PostgreSQL database '"
                        + contents.database()
                        + "' as they are. Change tables in PostgreSQL (they show here at the next"
                        + " query), or create Flink tables and views in another catalog, e.g."
                        + " default_catalog.default_database.");
    }
}
