package io.neoncdc.postgres.catalog;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a publication sends of each table — the columns pgoutput writes and the row filter
 * (PostgreSQL 15+) — as {@code pg_publication_tables} and {@code pg_publication} say, so that the
 * snapshot reads exactly the rows and columns the stream will carry.
 */
final class PublishedTables {
    private static final String TABLES =
            "SELECT c.oid, t.attnames, t.rowfilter, EXISTS (SELECT 1 FROM pg_publication_rel r"
                    + " JOIN pg_publication p ON p.oid = r.prpubid WHERE p.pubname = t.pubname"
                    + " AND r.prrelid = c.oid AND r.prattrs IS NOT NULL)"
                    + " FROM pg_publication_tables t JOIN pg_namespace n ON n.nspname ="
                    + " t.schemaname JOIN pg_class c ON c.relnamespace = n.oid AND c.relname ="
                    + " t.tablename WHERE t.pubname = ? AND c.oid = ANY (?)";

    /** One table's published shape. */
    private static final class Shape {
        Set<String> columnList; // an explicit column list, or null
        String rowFilter; // null: every row
    }

    private final String publication;
    private final int version;
    private final boolean storedGenerated;
    private final Map<Integer, Shape> shapes;

    private PublishedTables(
            String publication, int version, boolean storedGenerated, Map<Integer, Shape> shapes) {
        this.publication = publication;
        this.version = version;
        this.storedGenerated = storedGenerated;
        this.shapes = shapes;
    }

    /**
     * @param publication the publication the stream reads, or null when unknown: then it is taken
     *     to be one the connector creates (no column lists, no row filters, stored generated
     *     columns published on PostgreSQL 18)
     */
    static PublishedTables load(Connection c, String publication, Collection<Integer> oids)
            throws SQLException {
        int version = ServerVersion.of(c);
        Character gencols = publication == null ? null : generatedColumns(c, publication, version);
        // A publication that does not exist yet is created by the connector, with stored
        // generated columns on 18 (Publications): describe what it will send.
        boolean stored = version >= 180000 && (gencols == null || gencols == 's');
        Map<Integer, Shape> shapes = new HashMap<>();
        if (publication != null && gencols != null && version >= 150000 && !oids.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(TABLES)) {
                ps.setString(1, publication);
                ps.setArray(2, c.createArrayOf("oid", oids.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int oid = (int) rs.getLong(1);
                        Shape shape = new Shape();
                        if (rs.getBoolean(4)) {
                            Array names = rs.getArray(2);
                            shape.columnList =
                                    new LinkedHashSet<>(Arrays.asList((String[]) names.getArray()));
                        }
                        shape.rowFilter = rs.getString(3);
                        Shape before = shapes.putIfAbsent(oid, shape);
                        if (before != null) {
                            // Listed twice: PostgreSQL sends a row that any entry accepts.
                            before.rowFilter =
                                    before.rowFilter == null || shape.rowFilter == null
                                            ? null
                                            : before.rowFilter + " OR " + shape.rowFilter;
                        }
                    }
                }
            }
        }
        return new PublishedTables(publication, version, stored, shapes);
    }

    /** {@code pubgencols} ('n' before 18), or null when the publication does not exist. */
    private static Character generatedColumns(Connection c, String publication, int version)
            throws SQLException {
        String sql =
                version >= 180000
                        ? "SELECT pubgencols FROM pg_publication WHERE pubname = ?"
                        : "SELECT 'n' FROM pg_publication WHERE pubname = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, publication);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1).charAt(0) : null;
            }
        }
    }

    /** The publication's row filter of the table (PostgreSQL 15+), or null for every row. */
    String rowFilter(int oid) {
        Shape shape = shapes.get(oid);
        return shape == null ? null : shape.rowFilter;
    }

    /** Null when the stream carries the column, else why it does not and how to change that. */
    String excluded(TableId table, int oid, ColumnInfo column) {
        String pub = publication == null ? "the publication" : "publication '" + publication + "'";
        if (column.generated() == 'v') {
            return "it is a virtual generated column, and PostgreSQL never sends virtual generated"
                    + " columns to logical replication";
        }
        Shape shape = shapes.get(oid);
        if (shape != null && shape.columnList != null) {
            return shape.columnList.contains(column.name())
                    ? null
                    : "it is not in the column list of "
                            + table
                            + " in "
                            + pub
                            + " ("
                            + String.join(", ", shape.columnList)
                            + "), so the stream never carries it; add it to that list (ALTER"
                            + " PUBLICATION … SET TABLE …) or leave it out";
        }
        if (column.generated() != 's' || storedGenerated) {
            return null;
        }
        if (version < 180000) {
            return "it is a stored generated column, and PostgreSQL before 18 does not send"
                    + " generated columns to logical replication";
        }
        return "it is a stored generated column, and "
                + pub
                + " does not publish those (publish_generated_columns = none); publish them"
                + " with ALTER PUBLICATION "
                + TableId.quote(publication)
                + " SET (publish_generated_columns = stored); (for changes written after it)";
    }
}
