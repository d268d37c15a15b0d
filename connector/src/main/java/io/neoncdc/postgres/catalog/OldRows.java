package io.neoncdc.postgres.catalog;

import java.util.List;

/**
 * Where the old rows of a captured table's updates and deletes come from, decided by {@code
 * pg_class.relreplident} (of every leaf partition) and the table's key: the WAL, Flink keyed state,
 * or nowhere because the table can only be inserted into.
 */
public enum OldRows {
    /**
     * REPLICA IDENTITY FULL (on every leaf that can be updated): the WAL carries every old row
     * whole, unchanged TOASTed values included, so no Flink state is needed.
     */
    WAL,

    /**
     * A key and REPLICA IDENTITY DEFAULT or USING INDEX: the WAL carries only the old key (and no
     * old row when an update keeps the key), so an exact retract stream needs each key's last row
     * in Flink state.
     */
    STATE,

    /**
     * No replica identity (DEFAULT without a primary key, NOTHING): while a publication publishes
     * updates and deletes PostgreSQL rejects them on this table ("cannot update table … because it
     * does not have a replica identity"), so its changes are inserts and nothing needs an old row.
     */
    INSERT_ONLY;

    /** The old rows of a table, or of a partitioned table through all its leaves. */
    public static OldRows of(TableInfo table) {
        if (!table.isPartitioned() || table.leaves().isEmpty()) {
            return of(table.replicaIdentity(), table.replicaIdentityKey());
        }
        OldRows result = INSERT_ONLY;
        for (PartitionLeaf leaf : table.leaves()) {
            // A leaf has the root's primary key (PostgreSQL puts a partitioned key on every leaf);
            // USING INDEX names a key of the leaf's own.
            char identity = leaf.replicaIdentity();
            OldRows leafRows = identity == 'i' ? STATE : of(identity, table.primaryKey());
            if (leafRows == STATE) {
                return STATE;
            }
            if (leafRows == WAL) {
                result = WAL;
            }
        }
        return result;
    }

    /**
     * @param identity {@code relreplident}: 'f' full, 'd' default, 'i' index, 'n' nothing
     * @param identityKey the columns a key-only old row carries (primary key or identity index)
     */
    public static OldRows of(char identity, List<String> identityKey) {
        if (identity == 'f') {
            return WAL;
        }
        if (identity == 'n' || identityKey.isEmpty()) {
            return INSERT_ONLY;
        }
        return STATE;
    }
}
