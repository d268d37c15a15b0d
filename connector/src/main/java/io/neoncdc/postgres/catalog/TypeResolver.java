package io.neoncdc.postgres.catalog;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Loads {@link PgType}s by OID in batches, following array elements and domain base types. */
public final class TypeResolver {
    private static final String QUERY =
            "SELECT t.oid, n.nspname, t.typname, t.typtype, t.typcategory, t.typelem,"
                    + " t.typbasetype, t.typtypmod"
                    + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
                    + " WHERE t.oid = ANY (?)";

    private final Map<Integer, Row> rows = new HashMap<>();

    /** Loads every type in {@code oids} (and what they refer to) with one query per level. */
    public void load(Connection connection, Collection<Integer> oids) throws SQLException {
        Set<Integer> missing = new HashSet<>();
        for (int oid : oids) {
            if (!rows.containsKey(oid)) {
                missing.add(oid);
            }
        }
        while (!missing.isEmpty()) {
            Set<Integer> next = new HashSet<>();
            try (PreparedStatement ps = connection.prepareStatement(QUERY)) {
                Array array = connection.createArrayOf("oid", missing.toArray());
                ps.setArray(1, array);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Row r =
                                new Row(
                                        (int) rs.getLong(1),
                                        rs.getString(2),
                                        rs.getString(3),
                                        rs.getString(4).charAt(0),
                                        rs.getString(5).charAt(0),
                                        (int) rs.getLong(6),
                                        (int) rs.getLong(7),
                                        rs.getInt(8));
                        rows.put(r.oid, r);
                        for (int ref : new int[] {r.elem, r.base}) {
                            if (ref != 0 && !rows.containsKey(ref)) {
                                next.add(ref);
                            }
                        }
                    }
                }
            }
            for (int oid : missing) {
                if (!rows.containsKey(oid)) {
                    throw new SQLException("Type with OID " + oid + " does not exist");
                }
            }
            missing = next;
        }
    }

    /** The loaded type with the column's typmod; {@link #load} must have seen the OID. */
    public PgType type(int oid, int typmod) {
        Row r = rows.get(oid);
        if (r == null) {
            throw new IllegalStateException("Type OID " + oid + " was not loaded");
        }
        // An array's element type carries the column typmod too (numeric(10,2)[]).
        PgType element = r.elem != 0 && r.category == 'A' ? type(r.elem, typmod) : null;
        PgType base = r.typtype == PgType.DOMAIN ? type(r.base, r.baseTypmod) : null;
        return new PgType(r.oid, r.schema, r.name, typmod, r.typtype, r.category, element, base);
    }

    public boolean isLoaded(int oid) {
        return rows.containsKey(oid);
    }

    private static final class Row {
        final int oid;
        final String schema;
        final String name;
        final char typtype;
        final char category;
        final int elem;
        final int base;
        final int baseTypmod;

        Row(
                int oid,
                String schema,
                String name,
                char typtype,
                char category,
                int elem,
                int base,
                int baseTypmod) {
            this.oid = oid;
            this.schema = schema;
            this.name = name;
            this.typtype = typtype;
            this.category = category;
            this.elem = elem;
            this.base = base;
            this.baseTypmod = baseTypmod;
        }
    }
}
