package io.neoncdc.postgres.catalog;

import java.io.Serializable;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the catalog says about one captured table: kind, replica identity, columns, keys, size. */
public final class TableInfo implements Serializable {
    private static final long serialVersionUID = 1L;

    private final TableId id;
    private final int oid;
    private final char relkind;
    private final char replicaIdentity;
    private final List<ColumnInfo> columns;
    private final List<String> primaryKey;
    private final List<String> replicaIdentityKey;
    private final long estimatedRows;
    private final long pages;
    private final Map<Integer, List<ColumnInfo>> composites;
    private List<PartitionLeaf> leaves = List.of();
    private String rowFilter;
    private Map<String, String> excluded = Map.of();

    public TableInfo(
            TableId id,
            int oid,
            char relkind,
            char replicaIdentity,
            List<ColumnInfo> columns,
            List<String> primaryKey,
            List<String> replicaIdentityKey,
            long estimatedRows,
            long pages) {
        this(
                id,
                oid,
                relkind,
                replicaIdentity,
                columns,
                primaryKey,
                replicaIdentityKey,
                estimatedRows,
                pages,
                Map.of());
    }

    /**
     * @param composites attributes of every composite type the columns use (by type OID)
     */
    public TableInfo(
            TableId id,
            int oid,
            char relkind,
            char replicaIdentity,
            List<ColumnInfo> columns,
            List<String> primaryKey,
            List<String> replicaIdentityKey,
            long estimatedRows,
            long pages,
            Map<Integer, List<ColumnInfo>> composites) {
        this.composites = new HashMap<>(composites);
        this.id = id;
        this.oid = oid;
        this.relkind = relkind;
        this.replicaIdentity = replicaIdentity;
        this.columns = List.copyOf(columns);
        this.primaryKey = List.copyOf(primaryKey);
        this.replicaIdentityKey = List.copyOf(replicaIdentityKey);
        this.estimatedRows = estimatedRows;
        this.pages = pages;
    }

    public TableId id() {
        return id;
    }

    public int oid() {
        return oid;
    }

    /** {@code pg_class.relkind}: 'r' table, 'p' partitioned table. */
    public char relkind() {
        return relkind;
    }

    /** {@code pg_class.relreplident}: 'd' default, 'f' full, 'i' index, 'n' nothing. */
    public char replicaIdentity() {
        return replicaIdentity;
    }

    public List<ColumnInfo> columns() {
        return columns;
    }

    public Optional<ColumnInfo> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** Primary key column names in key order; empty when the table has none. */
    public List<String> primaryKey() {
        return primaryKey;
    }

    /** Columns the WAL carries as the old key: the primary key or the replica identity index. */
    public List<String> replicaIdentityKey() {
        return replicaIdentityKey;
    }

    /** {@code pg_class.reltuples} (−1 or 0 when never analyzed). */
    public long estimatedRows() {
        return estimatedRows;
    }

    public long pages() {
        return pages;
    }

    /** Attributes of a composite type some column uses, or null when unknown. */
    public List<ColumnInfo> compositeAttributes(int typeOid) {
        return composites.get(typeOid);
    }

    /** The same table with the leaf partitions below it. */
    public TableInfo withLeaves(List<PartitionLeaf> partitionLeaves) {
        TableInfo copy = copy();
        copy.leaves = List.copyOf(partitionLeaves);
        return copy;
    }

    /**
     * The same table as the publication sends it.
     *
     * @param filter the publication's row filter (a SQL condition on the table's columns), or null
     * @param excludedColumns columns the stream never carries (not in {@link #columns()}), with the
     *     reason and the fix, in table order
     */
    public TableInfo withPublished(String filter, Map<String, String> excludedColumns) {
        TableInfo copy = copy();
        copy.rowFilter = filter;
        copy.excluded = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(excludedColumns));
        return copy;
    }

    private TableInfo copy() {
        TableInfo copy =
                new TableInfo(
                        id,
                        oid,
                        relkind,
                        replicaIdentity,
                        columns,
                        primaryKey,
                        replicaIdentityKey,
                        estimatedRows,
                        pages,
                        composites);
        copy.leaves = leaves;
        copy.rowFilter = rowFilter;
        copy.excluded = excluded;
        return copy;
    }

    /**
     * The publication's row filter (PostgreSQL 15+ {@code WHERE}), or null: the stream carries only
     * the rows it accepts, so a snapshot reads only those too.
     */
    public String rowFilter() {
        return rowFilter;
    }

    /**
     * Columns of the table the stream never carries (generated columns before PostgreSQL 18,
     * virtual ones, columns outside the publication's column list), each with why and the fix.
     * Neither path reads them: {@link #columns()} leaves them out.
     */
    public Map<String, String> excludedColumns() {
        return excluded;
    }

    /** The leaf partitions of a partitioned table (any depth); empty for other tables. */
    public List<PartitionLeaf> leaves() {
        return leaves;
    }

    /** Whether this is a partitioned table (its rows live in its leaf partitions). */
    public boolean isPartitioned() {
        return relkind == 'p';
    }

    @Override
    public String toString() {
        return id.toString();
    }
}
