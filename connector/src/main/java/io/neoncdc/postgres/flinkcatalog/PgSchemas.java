package io.neoncdc.postgres.flinkcatalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog's listing queries: PostgreSQL schemas (Flink databases), the capturable tables in one
 * (base and partitioned tables, not partitions, not temporary or unlogged) and comments.
 */
final class PgSchemas {
    private static final String SCHEMAS =
            "SELECT n.nspname, obj_description(n.oid, 'pg_namespace') FROM pg_namespace n"
                    + " WHERE n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'"
                    + " AND (CAST(? AS text) IS NULL OR n.nspname = ?) ORDER BY n.nspname";

    /** What {@code CaptureList} accepts: logged base or partitioned tables, partitions excluded. */
    private static final String TABLES =
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND NOT c.relispartition"
                    + " AND c.relpersistence = 'p' ORDER BY c.relname";

    private static final String COMMENTS =
            "SELECT a.attname, col_description(a.attrelid, a.attnum) FROM pg_attribute a"
                    + " WHERE a.attrelid = ?::oid AND a.attnum > 0 AND NOT a.attisdropped"
                    + " UNION ALL SELECT NULL, obj_description(?::oid, 'pg_class')";

    private PgSchemas() {}

    /** Every schema outside the system ones, with its comment (or null). */
    static Map<String, String> schemas(Connection c) throws SQLException {
        return schemas(c, null);
    }

    /** The schema's comment, or empty when the schema does not exist. */
    static Optional<String> schemaComment(Connection c, String schema) throws SQLException {
        Map<String, String> found = schemas(c, schema);
        return found.containsKey(schema)
                ? Optional.of(found.get(schema) == null ? "" : found.get(schema))
                : Optional.empty();
    }

    private static Map<String, String> schemas(Connection c, String only) throws SQLException {
        Map<String, String> result = new java.util.LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(SCHEMAS)) {
            ps.setString(1, only);
            ps.setString(2, only);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return result;
    }

    /** The tables of the schema the connector can capture, by name. */
    static List<String> tables(Connection c, String schema) throws SQLException {
        List<String> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(TABLES)) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(rs.getString(1));
                }
            }
        }
        return result;
    }

    /** Column comments by column name; the table's own comment under the key {@code null}. */
    static Map<String, String> comments(Connection c, int tableOid) throws SQLException {
        Map<String, String> result = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(COMMENTS)) {
            ps.setLong(1, tableOid);
            ps.setLong(2, tableOid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(2) != null) {
                        result.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
        }
        return result;
    }
}
