package io.neoncdc.postgres.cli;

import io.neoncdc.postgres.catalog.CatalogReader;
import io.neoncdc.postgres.catalog.Publications;
import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.catalog.TableInfo;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import io.neoncdc.postgres.config.PublicationAutoCreate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.table.api.ValidationException;

/**
 * Checks that the publication exists and lists every captured table, or that the source can create
 * it at start; the verdict comes from the source's own publication check run without writing.
 */
final class PublicationCheck {
    private final NeonPostgresSourceConfig config;
    private final Connection connection;

    PublicationCheck(NeonPostgresSourceConfig config, Connection c) {
        this.config = config;
        this.connection = c;
    }

    Check run(List<TableInfo> tables) throws SQLException {
        String pub = config.publicationName();
        String name = "Publication " + pub;
        Boolean allTables = Publications.allTables(connection, pub);
        boolean mayWrite =
                !config.readOnly()
                        && config.publicationAutoCreate() != PublicationAutoCreate.DISABLED;
        if (allTables == null && mayWrite && canCreate(tables)) {
            return Check.ok(
                    name,
                    "does not exist yet; the source creates it at its first start"
                            + " ('publication.auto-create' = '"
                            + config.publicationAutoCreate()
                            + "')");
        }
        boolean ownedWritable =
                allTables != null && mayWrite && Publications.ownedByConnector(connection, pub);
        try {
            // The source itself changes the operations of its own publication at start.
            Publications.ensure(
                    connection, config.publication().withoutWrites(), tables, !ownedWritable);
        } catch (ValidationException e) {
            if (ownedWritable) {
                return Check.warn(name, e.getMessage() + " (the source adds them at start)");
            }
            return Check.fail(name, e.getMessage());
        }
        String operations = operations(ownedWritable);
        if (allTables) {
            return Check.ok(name, "FOR ALL TABLES" + operations);
        }
        return Check.ok(
                name,
                "lists "
                        + CatalogReader.publicationTables(connection, pub).stream()
                                .map(TableId::toString)
                                .collect(Collectors.joining(", "))
                        + operations);
    }

    /** "; publishes …", with the change the source makes at start to its own publication. */
    private String operations(boolean ownedWritable) throws SQLException {
        String ops = Publications.operations(connection, config.publication());
        int arrow = ops.indexOf(" → ");
        if (arrow < 0) {
            return "; publishes " + ops;
        }
        if (!ownedWritable) {
            // More than needed (e.g. truncates the job skips): harmless, only decoded for nothing.
            return "; publishes " + ops.substring(0, arrow);
        }
        return "; publishes "
                + ops.substring(0, arrow)
                + ", which the source changes to "
                + ops.substring(arrow + 3)
                + " at start ('truncate.action' = '"
                + config.values().truncateAction()
                + "')";
    }

    /** CREATE PUBLICATION needs CREATE on the database and ownership of the tables. */
    private boolean canCreate(List<TableInfo> tables) throws SQLException {
        boolean allTables = config.publicationAutoCreate() == PublicationAutoCreate.ALL_TABLES;
        try (PreparedStatement ps =
                connection.prepareStatement(
                        "SELECT r.rolsuper, has_database_privilege(current_database(), 'CREATE'),"
                                + " (SELECT coalesce(bool_and(pg_has_role(c.relowner, 'USAGE')),"
                                + " true) FROM pg_class c WHERE c.oid = ANY (?))"
                                + " FROM pg_roles r WHERE r.rolname = current_user")) {
            ps.setArray(
                    1,
                    connection.createArrayOf("oid", tables.stream().map(TableInfo::oid).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1) || (!allTables && rs.getBoolean(2) && rs.getBoolean(3));
            }
        }
    }
}
