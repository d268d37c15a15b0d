package io.neoncdc.postgres.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.table.api.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the publication exists and lists every captured table: creates it when allowed ({@code
 * publication.auto-create}, not {@code read-only}), adds tables only to a publication the connector
 * created itself (marked by its comment), publishes only the operations the job keeps ({@link
 * PublishedOperations}), and otherwise says which SQL to run.
 */
public final class Publications {
    private static final Logger LOG = LoggerFactory.getLogger(Publications.class);

    /** The comment that marks a publication as created (and so changeable) by the connector. */
    static final String OWNED_COMMENT = "created by neon-postgres-cdc";

    private Publications() {}

    /** Returns whether it created the publication or added tables to it. */
    public static boolean ensure(Connection c, PublicationSpec config, List<TableInfo> tables)
            throws SQLException {
        return ensure(c, config, tables, true);
    }

    /**
     * @param checkOperations also make an existing publication publish the operations the job needs
     *     (see {@link PublishedOperations})
     */
    public static boolean ensure(
            Connection c, PublicationSpec config, List<TableInfo> tables, boolean checkOperations)
            throws SQLException {
        String pub = config.name();
        boolean mayWrite = config.mayWrite();
        String list = tables.stream().map(t -> t.id().quoted()).collect(Collectors.joining(", "));
        Boolean allTables = allTables(c, pub);
        if (allTables == null) {
            String create = createStatement(c, config, list);
            if (!mayWrite) {
                throw new ValidationException(
                        "Publication '"
                                + pub
                                + "' does not exist in database '"
                                + config.database()
                                + "'. Create it on the primary: "
                                + create
                                + " (or set 'publication.name'"
                                + (config.readOnly()
                                        ? "; 'read-only' = 'true' never creates it)"
                                        : ")"));
            }
            try (Statement st = c.createStatement()) {
                LockedDdl.execute(c, create, tableNames(tables));
                st.execute(
                        "COMMENT ON PUBLICATION "
                                + TableId.quote(pub)
                                + " IS "
                                + TableId.literal(OWNED_COMMENT));
            } catch (SQLException e) {
                throw new ValidationException(
                        "Cannot create publication '"
                                + pub
                                + "' ("
                                + e.getMessage()
                                + "). Creating a publication FOR TABLE needs ownership of the"
                                + " tables. Run as an owner: "
                                + create,
                        e);
            }
            LOG.info("Created publication {}: {}", pub, create);
            return true;
        }
        if (checkOperations) {
            PublishedOperations.reconcile(c, config, mayWrite, ownedByConnector(c, pub));
        }
        if (allTables) {
            return false;
        }
        Set<TableId> published = CatalogReader.publicationTables(c, pub);
        List<String> missing =
                tables.stream()
                        .map(TableInfo::id)
                        .filter(id -> !published.contains(id))
                        .map(TableId::quoted)
                        .collect(Collectors.toList());
        if (missing.isEmpty()) {
            return false;
        }
        String alter =
                "ALTER PUBLICATION "
                        + TableId.quote(pub)
                        + " ADD TABLE "
                        + String.join(", ", missing)
                        + ";";
        if (mayWrite && ownedByConnector(c, pub)) {
            LockedDdl.execute(c, alter, missing);
            LOG.info("Added {} to publication {}", missing, pub);
            return true;
        }
        throw new ValidationException(
                "Table(s) "
                        + String.join(", ", missing)
                        + " are not in publication '"
                        + pub
                        + "', so their changes would never arrive. The connector does not change"
                        + " a publication it did not create. Add them: "
                        + alter);
    }

    /**
     * The operations an existing publication publishes, and (after "→") what the source changes
     * that to at start when it differs from what the job needs, e.g. {@code "insert, update,
     * delete, truncate → insert, update, delete"}.
     */
    public static String operations(Connection c, PublicationSpec config) throws SQLException {
        int version = ServerVersion.of(c);
        String published =
                String.join(", ", PublishedOperations.published(c, config.name(), version));
        String needed = String.join(", ", PublishedOperations.needed(config, version));
        return published.equals(needed) ? published : published + " → " + needed;
    }

    public static boolean exists(Connection c, String publication) throws SQLException {
        return allTables(c, publication) != null;
    }

    private static String createStatement(Connection c, PublicationSpec config, String list)
            throws SQLException {
        int version = ServerVersion.of(c);
        String what = config.forAllTables() ? "FOR ALL TABLES" : "FOR TABLE " + list;
        List<String> with = new ArrayList<>();
        if (version >= 130000) {
            with.add("publish_via_partition_root = true");
        }
        if (version >= 180000) {
            // Stored generated columns travel with their rows, as the snapshot reads them
            // (before 18 pgoutput cannot send them: neither path reads them then).
            with.add("publish_generated_columns = stored");
        }
        // Operations the job drops anyway are not published: the server neither decodes nor
        // sends them (truncates when 'truncate.action' = 'skip').
        String publish = PublishedOperations.createOption(config, version);
        if (publish != null) {
            with.add(publish);
        }
        return "CREATE PUBLICATION "
                + TableId.quote(config.name())
                + " "
                + what
                + (with.isEmpty() ? ";" : " WITH (" + String.join(", ", with) + ");");
    }

    /** {@code puballtables}, or null when the publication does not exist. */
    public static Boolean allTables(Connection c, String pub) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT puballtables FROM pg_publication WHERE pubname = ?")) {
            ps.setString(1, pub);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBoolean(1) : null;
            }
        }
    }

    /** Whether the connector created the publication (and so may add tables to it). */
    public static boolean ownedByConnector(Connection c, String pub) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT obj_description(oid, 'pg_publication') FROM pg_publication"
                                + " WHERE pubname = ?")) {
            ps.setString(1, pub);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && OWNED_COMMENT.equals(rs.getString(1));
            }
        }
    }

    private static List<String> tableNames(List<TableInfo> tables) {
        return tables.stream().map(t -> t.id().quoted()).collect(Collectors.toList());
    }
}
