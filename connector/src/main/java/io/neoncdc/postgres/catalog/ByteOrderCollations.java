package io.neoncdc.postgres.catalog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Which collations of the current database sort text in UTF-8 byte order, the order Java can
 * reproduce (code points): C, POSIX and ucs_basic, and {@code default} when the database's own
 * collation is one of them (libc C or POSIX, or the builtin provider) — but none in a database that
 * is not UTF8, where byte order is not code point order (review §12).
 */
final class ByteOrderCollations {
    private static final String DEFAULT = "pg_catalog.\"default\"";

    private final boolean utf8;
    private final boolean defaultIsByteOrder;

    private ByteOrderCollations(boolean utf8, boolean defaultIsByteOrder) {
        this.utf8 = utf8;
        this.defaultIsByteOrder = defaultIsByteOrder;
    }

    static ByteOrderCollations of(Connection c) throws SQLException {
        // datlocprovider (c: libc, i: ICU, b: builtin) exists from 15 on; before, always libc.
        String provider = ServerVersion.of(c) >= 150000 ? "datlocprovider::text" : "'c'";
        String sql =
                "SELECT pg_encoding_to_char(encoding) = 'UTF8', "
                        + provider
                        + ", datcollate FROM pg_database WHERE datname = current_database()";
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            if (!rs.next()) {
                return new ByteOrderCollations(false, false);
            }
            String p = rs.getString(2);
            String collate = rs.getString(3);
            // Builtin locales (C, C.UTF-8, PG_UNICODE_FAST) all sort by code point.
            boolean byteOrder =
                    "b".equals(p)
                            || ("c".equals(p) && ("C".equals(collate) || "POSIX".equals(collate)));
            return new ByteOrderCollations(rs.getBoolean(1), byteOrder);
        }
    }

    /**
     * @param collation the column's collation as {@code schema.name} (quoted where needed)
     * @param named whether it is C, POSIX or ucs_basic by name
     */
    boolean byteOrder(String collation, boolean named) {
        return utf8 && (named || (defaultIsByteOrder && DEFAULT.equals(collation)));
    }
}
