package io.neoncdc.postgres.catalog;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads {@link PgType}s by OID in batches, following array elements, domain base types and the
 * attributes of composite types.
 */
public final class TypeResolver {
    private static final String QUERY =
            "SELECT t.oid, n.nspname, t.typname, t.typtype, t.typcategory, t.typelem,"
                    + " t.typbasetype, t.typtypmod, t.typrelid"
                    + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
                    + " WHERE t.oid = ANY (?)";

    private static final String ATTRIBUTES =
            "SELECT a.attrelid, a.attname, a.atttypid, a.atttypmod FROM pg_attribute a"
                    + " WHERE a.attrelid = ANY (?) AND a.attnum > 0 AND NOT a.attisdropped"
                    + " ORDER BY a.attrelid, a.attnum";

    private final Map<Integer, Row> rows = new HashMap<>();
    private final Map<Integer, List<RawAttribute>> attributes = new HashMap<>();

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
                                        rs.getInt(8),
                                        (int) rs.getLong(9));
                        rows.put(r.oid, r);
                        for (int ref : new int[] {r.elem, r.base}) {
                            if (ref != 0 && !rows.containsKey(ref)) {
                                next.add(ref);
                            }
                        }
                    }
                }
            }
            for (int ref : loadAttributes(connection, missing)) {
                if (!rows.containsKey(ref)) {
                    next.add(ref);
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

    /** Reads the attributes of the composite types among {@code oids}; returns their type OIDs. */
    private Set<Integer> loadAttributes(Connection connection, Set<Integer> oids)
            throws SQLException {
        Map<Integer, Integer> typeOfRelation = new HashMap<>();
        for (int oid : oids) {
            Row r = rows.get(oid);
            if (r != null && r.typtype == PgType.COMPOSITE && r.relid != 0) {
                typeOfRelation.put(r.relid, r.oid);
                attributes.put(r.oid, new ArrayList<>());
            }
        }
        Set<Integer> referenced = new HashSet<>();
        if (typeOfRelation.isEmpty()) {
            return referenced;
        }
        try (PreparedStatement ps = connection.prepareStatement(ATTRIBUTES)) {
            ps.setArray(1, connection.createArrayOf("oid", typeOfRelation.keySet().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int type = typeOfRelation.get((int) rs.getLong(1));
                    RawAttribute a =
                            new RawAttribute(rs.getString(2), (int) rs.getLong(3), rs.getInt(4));
                    attributes.get(type).add(a);
                    referenced.add(a.typeOid);
                }
            }
        }
        return referenced;
    }

    /**
     * The live attributes of a loaded composite type in attribute order (name and type only), or
     * null when {@code oid} is not a composite type.
     */
    public List<ColumnInfo> attributes(int oid) {
        List<RawAttribute> raw = attributes.get(oid);
        if (raw == null) {
            return null;
        }
        List<ColumnInfo> result = new ArrayList<>(raw.size());
        for (RawAttribute a : raw) {
            result.add(new ColumnInfo(a.name, type(a.typeOid, a.typmod), false, null, false));
        }
        return result;
    }

    /** Every composite type reachable from {@code type} (arrays, domains, nested attributes). */
    public Map<Integer, List<ColumnInfo>> compositesOf(PgType type) {
        Map<Integer, List<ColumnInfo>> found = new HashMap<>();
        collectComposites(type, found);
        return found;
    }

    private void collectComposites(PgType type, Map<Integer, List<ColumnInfo>> found) {
        PgType t = type.resolveDomain();
        if (t.isArray()) {
            collectComposites(t.element(), found);
            return;
        }
        if (found.containsKey(t.oid())) {
            return;
        }
        List<ColumnInfo> attrs = attributes(t.oid());
        if (attrs != null) {
            found.put(t.oid(), attrs);
            attrs.forEach(a -> collectComposites(a.type(), found));
        }
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
        final int relid;

        Row(
                int oid,
                String schema,
                String name,
                char typtype,
                char category,
                int elem,
                int base,
                int baseTypmod,
                int relid) {
            this.relid = relid;
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

    private static final class RawAttribute {
        final String name;
        final int typeOid;
        final int typmod;

        RawAttribute(String name, int typeOid, int typmod) {
            this.name = name;
            this.typeOid = typeOid;
            this.typmod = typmod;
        }
    }
}
