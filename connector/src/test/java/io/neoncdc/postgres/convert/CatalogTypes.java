package io.neoncdc.postgres.convert;

import io.neoncdc.postgres.catalog.PgType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads {@link PgType}s and composite attributes from a live catalog, for integration tests. */
final class CatalogTypes implements CompositeTypes {
    private final Connection connection;

    CatalogTypes(Connection connection) {
        this.connection = connection;
    }

    /** The type of a table column, with the column's typmod. */
    PgType columnType(String table, String column) throws SQLException {
        try (PreparedStatement st =
                connection.prepareStatement(
                        "SELECT atttypid, atttypmod FROM pg_attribute"
                                + " WHERE attrelid = ?::regclass AND attname = ?")) {
            st.setString(1, table);
            st.setString(2, column);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("no column " + table + "." + column);
                }
                return type(rs.getLong(1), rs.getInt(2));
            }
        }
    }

    PgType type(long oid, int typmod) throws SQLException {
        try (PreparedStatement st =
                connection.prepareStatement(
                        "SELECT n.nspname, t.typname, t.typtype, t.typcategory, t.typelem,"
                                + " t.typbasetype, t.typtypmod FROM pg_type t JOIN pg_namespace n"
                                + " ON n.oid = t.typnamespace WHERE t.oid = ?")) {
            st.setLong(1, oid);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                char typtype = rs.getString(3).charAt(0);
                char category = rs.getString(4).charAt(0);
                long elem = rs.getLong(5);
                long base = rs.getLong(6);
                int baseTypmod = rs.getInt(7);
                PgType element = category == 'A' && elem != 0 ? type(elem, -1) : null;
                PgType baseType = typtype == PgType.DOMAIN ? type(base, baseTypmod) : null;
                return new PgType(
                        (int) oid,
                        rs.getString(1),
                        rs.getString(2),
                        typmod,
                        typtype,
                        category,
                        element,
                        baseType);
            }
        }
    }

    @Override
    public List<Field> fieldsOf(PgType composite) {
        try (PreparedStatement st =
                connection.prepareStatement(
                        "SELECT a.attname, a.atttypid, a.atttypmod FROM pg_type t"
                                + " JOIN pg_attribute a ON a.attrelid = t.typrelid"
                                + " WHERE t.oid = ? AND a.attnum > 0 AND NOT a.attisdropped"
                                + " ORDER BY a.attnum")) {
            st.setLong(1, composite.oid());
            List<Field> fields = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    fields.add(new Field(rs.getString(1), type(rs.getLong(2), rs.getInt(3))));
                }
            }
            return fields;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
