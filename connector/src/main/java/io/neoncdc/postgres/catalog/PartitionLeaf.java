package io.neoncdc.postgres.catalog;

import java.io.Serializable;

/** A leaf partition (a table holding rows) somewhere below a captured partitioned table. */
public final class PartitionLeaf implements Serializable {
    private static final long serialVersionUID = 1L;

    private final TableId id;
    private final int oid;
    private final char replicaIdentity;
    private final long estimatedRows;
    private final long pages;

    PartitionLeaf(TableId id, int oid, char replicaIdentity, long estimatedRows, long pages) {
        this.id = id;
        this.oid = oid;
        this.replicaIdentity = replicaIdentity;
        this.estimatedRows = estimatedRows;
        this.pages = pages;
    }

    public TableId id() {
        return id;
    }

    public int oid() {
        return oid;
    }

    /** {@code pg_class.relreplident} of the leaf: the WAL's old rows come from the leaf. */
    public char replicaIdentity() {
        return replicaIdentity;
    }

    public long estimatedRows() {
        return estimatedRows;
    }

    public long pages() {
        return pages;
    }

    @Override
    public String toString() {
        return id.toString();
    }
}
