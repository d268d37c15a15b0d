package io.neoncdc.postgres.catalog;

import java.io.Serializable;
import java.util.HashMap;
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
        copy.leaves = List.copyOf(partitionLeaves);
        return copy;
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
