package io.neoncdc.postgres.flinkcatalog;

import io.neoncdc.postgres.catalog.CaptureList;
import io.neoncdc.postgres.catalog.CaptureSelection;
import io.neoncdc.postgres.catalog.CatalogReader;
import io.neoncdc.postgres.catalog.TableInfo;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import io.neoncdc.postgres.connection.PgConnector;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.exceptions.CatalogException;

/**
 * What the catalog shows of one PostgreSQL database, read from {@code pg_catalog} on every call (no
 * cache: an ALTER TABLE shows at the next query) on a connection of its own that is closed right
 * after, so an idle Flink session does not keep a Neon compute awake.
 */
final class CatalogContents {
    private final String catalogName;
    private final NeonPostgresSourceConfig config;
    private final PgConnector connector;

    CatalogContents(String catalogName, NeonPostgresSourceConfig config) {
        this.catalogName = catalogName;
        this.config = config;
        this.connector = new PgConnector(config.connection(), "neon-postgres-cdc catalog");
    }

    /** The PostgreSQL database shown. */
    String database() {
        return config.connection().database();
    }

    List<String> schemas() {
        return new ArrayList<>(query(PgSchemas::schemas).keySet());
    }

    /** The schema's comment ("" when none), or empty when the schema does not exist. */
    Optional<String> schema(String name) {
        return query(c -> PgSchemas.schemaComment(c, name));
    }

    List<String> tables(String schema) {
        return query(c -> PgSchemas.tables(c, schema));
    }

    /**
     * The Flink table of {@code path}: a capturable table, or its metadata variant; empty when no
     * such table exists; a CatalogException naming the reason when it exists but cannot be read.
     */
    Optional<CatalogBaseTable> table(ObjectPath path) {
        return query(
                c -> {
                    Optional<CatalogBaseTable> exact = describe(c, CatalogTableName.exact(path));
                    CatalogTableName variant = CatalogTableName.variant(path);
                    return exact.isPresent() || variant == null ? exact : describe(c, variant);
                });
    }

    private Optional<CatalogBaseTable> describe(Connection c, CatalogTableName name)
            throws SQLException {
        CatalogReader catalog = new CatalogReader(c, config.publicationName());
        Optional<CatalogReader.Relation> relation = catalog.relation(name.table());
        if (relation.isEmpty()) {
            return Optional.empty();
        }
        if (relation.get().partition) {
            throw new CatalogException(
                    "Table "
                            + name.table()
                            + " is a partition: its changes are captured through the"
                            + " partitioned table at its root. Read the root table instead.");
        }
        CaptureSelection selection =
                CaptureList.explicit(List.of(name.table()))
                        .classify(List.of(relation.get()), database());
        if (!selection.rejected().isEmpty()) {
            throw new CatalogException(
                    CaptureSelection.rejectionMessage(
                            name.table(), selection.rejected().get(name.table())));
        }
        TableInfo info = catalog.describe(List.of(relation.get())).get(0);
        Map<String, String> comments = PgSchemas.comments(c, info.oid());
        return Optional.of(CatalogTables.of(info, comments, name.withMetadata()));
    }

    private <T> T query(Query<T> query) {
        try (Connection c = connector.openQuery()) {
            return query.run(c);
        } catch (SQLException e) {
            throw new CatalogException(
                    "Catalog '"
                            + catalogName
                            + "' cannot read database '"
                            + database()
                            + "' at "
                            + config.connection().host()
                            + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /** A catalog query on an open connection. */
    private interface Query<T> {
        T run(Connection c) throws SQLException;
    }
}
