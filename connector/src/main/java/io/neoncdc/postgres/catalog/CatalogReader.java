package io.neoncdc.postgres.catalog;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads table, column, key and type metadata for many tables at once: one query per concern, so
 * discovering a thousand tables costs four round trips, not thousands.
 */
public final class CatalogReader {
    private static final String RELATIONS =
            "SELECT c.oid, n.nspname, c.relname, c.relkind, c.relpersistence, c.relreplident,"
                    + " c.reltuples::bigint, c.relpages::bigint, c.relispartition"
                    + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')"
                    + " AND n.nspname NOT LIKE 'pg\\_toast%'";

    private static final String COLUMNS =
            "SELECT a.attrelid, a.attname, a.atttypid, a.atttypmod, a.attnotnull,"
                    + " quote_ident(cn.nspname) || '.' || quote_ident(co.collname),"
                    + " COALESCE(co.collname IN ('C', 'POSIX', 'ucs_basic'), false),"
                    + " a.attstorage <> 'p', %s"
                    + " FROM pg_attribute a LEFT JOIN pg_collation co ON co.oid = a.attcollation"
                    + " LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace"
                    + " WHERE a.attrelid = ANY (?) AND a.attnum > 0 AND NOT a.attisdropped"
                    + " ORDER BY a.attrelid, a.attnum";

    private static final String KEYS =
            "SELECT i.indrelid, i.indisprimary, a.attname FROM pg_index i CROSS JOIN LATERAL"
                + " unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) JOIN pg_attribute a ON"
                + " a.attrelid = i.indrelid AND a.attnum = k.attnum WHERE i.indrelid = ANY (?) AND"
                + " (i.indisprimary OR i.indisreplident) ORDER BY i.indrelid, i.indisprimary,"
                + " k.ord";

    private final Connection connection;
    private final String publication;
    private final TypeResolver types = new TypeResolver();

    /**
     * A reader that describes tables as a publication the connector creates would send them (no
     * column lists or row filters); {@link #CatalogReader(Connection, String)} for a named one.
     */
    public CatalogReader(Connection connection) {
        this(connection, null);
    }

    /**
     * @param publication the publication the stream reads: {@link #describe} leaves out the columns
     *     it does not send and carries its row filter, so the snapshot reads what the stream
     *     carries (a publication that does not exist yet is described as the connector creates it)
     */
    public CatalogReader(Connection connection, String publication) {
        this.connection = connection;
        this.publication = publication;
    }

    public TypeResolver types() {
        return types;
    }

    /** Every table-like relation outside the TOAST schemas. */
    public List<Relation> relations() throws SQLException {
        List<Relation> relations;
        try (PreparedStatement ps = connection.prepareStatement(RELATIONS)) {
            relations = readRelations(ps);
        }
        if (relations.stream().anyMatch(r -> r.partition)) {
            Partitions partitions = Partitions.load(connection);
            relations.forEach(r -> r.root = r.partition ? partitions.rootOf(r.oid) : 0);
        }
        Map<Integer, List<Integer>> children = inheritanceChildren(connection);
        if (!children.isEmpty()) {
            Map<Integer, TableId> ids = new HashMap<>();
            relations.forEach(r -> ids.put(r.oid, r.id));
            for (Relation r : relations) {
                for (int child : children.getOrDefault(r.oid, List.of())) {
                    if (ids.containsKey(child)) {
                        r.inheritors.add(ids.get(child));
                    }
                }
            }
        }
        return relations;
    }

    /**
     * Direct inheritance children ({@code INHERITS}, e.g. TimescaleDB chunks) by parent OID; the
     * partitions of a partitioned table are not among them.
     */
    private static Map<Integer, List<Integer>> inheritanceChildren(Connection c)
            throws SQLException {
        Map<Integer, List<Integer>> result = new HashMap<>();
        try (PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT i.inhparent, i.inhrelid FROM pg_inherits i JOIN pg_class p"
                                        + " ON p.oid = i.inhparent WHERE p.relkind = 'r'"
                                        + " ORDER BY i.inhparent, i.inhseqno, i.inhrelid");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                result.computeIfAbsent((int) rs.getLong(1), k -> new ArrayList<>())
                        .add((int) rs.getLong(2));
            }
        }
        return result;
    }

    /** The relation with this name, if it exists. */
    public java.util.Optional<Relation> relation(TableId id) throws SQLException {
        try (PreparedStatement ps =
                connection.prepareStatement(RELATIONS + " AND n.nspname = ? AND c.relname = ?")) {
            ps.setString(1, id.schema());
            ps.setString(2, id.table());
            return readRelations(ps).stream().findFirst();
        }
    }

    private static List<Relation> readRelations(PreparedStatement ps) throws SQLException {
        List<Relation> result = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                result.add(
                        new Relation(
                                (int) rs.getLong(1),
                                new TableId(rs.getString(2), rs.getString(3)),
                                rs.getString(4).charAt(0),
                                rs.getString(5).charAt(0),
                                rs.getString(6).charAt(0),
                                rs.getLong(7),
                                rs.getLong(8),
                                rs.getBoolean(9)));
            }
        }
        return result;
    }

    /** Full metadata of the given relations (base or partitioned tables), in the given order. */
    public List<TableInfo> describe(List<Relation> tables) throws SQLException {
        Map<Integer, Relation> byOid = new LinkedHashMap<>();
        tables.forEach(r -> byOid.put(r.oid, r));
        Map<Integer, List<RawColumn>> columns = new HashMap<>();
        Map<Integer, List<String>> primary = new HashMap<>();
        Map<Integer, List<String>> replident = new HashMap<>();
        Array oids = connection.createArrayOf("oid", byOid.keySet().toArray());
        List<Integer> typeOids = new ArrayList<>();
        // attgenerated exists from PostgreSQL 12 on; 'v' (virtual) from 18 on.
        String generated = ServerVersion.of(connection) >= 120000 ? "a.attgenerated::text" : "''";
        ByteOrderCollations byteOrder = ByteOrderCollations.of(connection);
        try (PreparedStatement ps =
                connection.prepareStatement(String.format(COLUMNS, generated))) {
            ps.setArray(1, oids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    RawColumn c =
                            new RawColumn(
                                    rs.getString(2),
                                    (int) rs.getLong(3),
                                    rs.getInt(4),
                                    rs.getBoolean(5),
                                    rs.getString(6),
                                    byteOrder.byteOrder(rs.getString(6), rs.getBoolean(7)),
                                    rs.getBoolean(8),
                                    rs.getString(9));
                    columns.computeIfAbsent((int) rs.getLong(1), k -> new ArrayList<>()).add(c);
                    typeOids.add(c.typeOid);
                }
            }
        }
        try (PreparedStatement ps = connection.prepareStatement(KEYS)) {
            ps.setArray(1, oids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<Integer, List<String>> target = rs.getBoolean(2) ? primary : replident;
                    target.computeIfAbsent((int) rs.getLong(1), k -> new ArrayList<>())
                            .add(rs.getString(3));
                }
            }
        }
        types.load(connection, typeOids);
        PublishedTables published = PublishedTables.load(connection, publication, byOid.keySet());
        Partitions partitions =
                byOid.values().stream().anyMatch(r -> r.relkind == 'p')
                        ? Partitions.load(connection)
                        : null;
        List<TableInfo> result = new ArrayList<>();
        for (Relation r : byOid.values()) {
            List<ColumnInfo> cols = new ArrayList<>();
            Map<Integer, List<ColumnInfo>> composites = new HashMap<>();
            Map<String, String> excluded = new LinkedHashMap<>();
            for (RawColumn c : columns.getOrDefault(r.oid, List.of())) {
                PgType type = types.type(c.typeOid, c.typmod);
                ColumnInfo column =
                        new ColumnInfo(
                                c.name,
                                type,
                                c.notNull,
                                c.collation,
                                c.byteOrder,
                                c.toastable,
                                c.generated);
                // Snapshot and stream read the same columns: one the stream never carries is
                // read by neither (a snapshot value would turn into NULL on its first change).
                String why = published.excluded(r.id, r.oid, column);
                if (why != null) {
                    excluded.put(c.name, why);
                    continue;
                }
                cols.add(column);
                composites.putAll(types.compositesOf(type));
            }
            List<PartitionLeaf> leaves =
                    partitions == null ? List.of() : partitions.leavesOf(r.oid);
            List<String> pk = primary.getOrDefault(r.oid, List.of());
            List<String> identityKey =
                    r.replicaIdentity == 'i' ? replident.getOrDefault(r.oid, List.of()) : pk;
            // A partitioned table holds no rows: its size is that of its leaves.
            long rows = r.relkind == 'p' ? sum(leaves, true) : r.reltuples;
            long pages = r.relkind == 'p' ? sum(leaves, false) : r.relpages;
            result.add(
                    new TableInfo(
                                    r.id,
                                    r.oid,
                                    r.relkind,
                                    r.replicaIdentity,
                                    cols,
                                    pk,
                                    identityKey,
                                    rows,
                                    pages,
                                    composites)
                            .withLeaves(leaves)
                            .withPublished(published.rowFilter(r.oid), excluded));
        }
        return result;
    }

    private static long sum(List<PartitionLeaf> leaves, boolean rows) {
        long total = 0;
        for (PartitionLeaf leaf : leaves) {
            total += Math.max(0, rows ? leaf.estimatedRows() : leaf.pages());
        }
        return total;
    }

    /** Tables of a publication (its roots when published via the partition root). */
    public static Set<TableId> publicationTables(Connection c, String publication)
            throws SQLException {
        Set<TableId> result = new TreeSet<>();
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT schemaname, tablename FROM pg_publication_tables WHERE pubname"
                                + " = ?")) {
            ps.setString(1, publication);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new TableId(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return result;
    }

    /** A relation as listed by {@code pg_class}. */
    public static final class Relation {
        public final int oid;
        public final TableId id;
        public final char relkind;
        public final char persistence;
        public final char replicaIdentity;
        public final long reltuples;
        public final long relpages;
        public final boolean partition;

        /** The topmost partitioned table above a partition ({@link #relations()} only), else 0. */
        public int root;

        /**
         * Direct inheritance children of a table ({@code INHERITS}; {@link #relations()} only): a
         * query on the table returns their rows too, but their changes are published under their
         * own names.
         */
        public final List<TableId> inheritors = new ArrayList<>();

        Relation(
                int oid,
                TableId id,
                char relkind,
                char persistence,
                char replicaIdentity,
                long reltuples,
                long relpages,
                boolean partition) {
            this.oid = oid;
            this.id = id;
            this.relkind = relkind;
            this.persistence = persistence;
            this.replicaIdentity = replicaIdentity;
            this.reltuples = reltuples;
            this.relpages = relpages;
            this.partition = partition;
        }
    }

    private static final class RawColumn {
        final String name;
        final int typeOid;
        final int typmod;
        final boolean notNull;
        final String collation;
        final boolean byteOrder;
        final boolean toastable;
        final char generated;

        RawColumn(
                String name,
                int typeOid,
                int typmod,
                boolean notNull,
                String collation,
                boolean byteOrder,
                boolean toastable,
                String generated) {
            this.generated =
                    generated == null || generated.isEmpty()
                            ? ColumnInfo.NOT_GENERATED
                            : generated.charAt(0);
            this.toastable = toastable;
            this.byteOrder = byteOrder;
            this.name = name;
            this.typeOid = typeOid;
            this.typmod = typmod;
            this.notNull = notNull;
            this.collation = collation;
        }
    }
}
