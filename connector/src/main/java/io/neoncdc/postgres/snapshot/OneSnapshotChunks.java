package io.neoncdc.postgres.snapshot;

import io.neoncdc.postgres.catalog.TableInfo;
import io.neoncdc.postgres.split.ChunkBounds;
import java.util.List;

/**
 * Which tables have all their chunks read under one snapshot (exported by the enumerator) instead
 * of one snapshot per chunk: those whose chunks the stream could not tell apart otherwise.
 *
 * <ul>
 *   <li>Page ranges: rows move between pages when updated.
 *   <li>A chunk key that is not the primary key ({@code scan.snapshot.chunk.key-column}): a row
 *       whose chunk-key value changes while the chunks are read would be in two chunks, or none.
 *   <li>A chunk key the old rows in the WAL lack: a key-only old row ({@code 'K'}, REPLICA IDENTITY
 *       DEFAULT or USING INDEX) carries only the identity columns, so the stream could not place a
 *       DELETE or key change in its chunk (review §7).
 * </ul>
 *
 * <p>Under one snapshot no change is seen by some chunks and not by others, so the filter never
 * needs the old row's chunk key, and every row is in exactly one chunk.
 */
public final class OneSnapshotChunks {
    private OneSnapshotChunks() {}

    /** Whether the chunks of {@code table}, keyed by {@code chunkKey}, need one shared snapshot. */
    public static boolean needed(TableInfo table, List<String> chunkKey) {
        if (chunkKey.contains(ChunkBounds.CTID)) {
            return true;
        }
        if (table.primaryKey().isEmpty() || !table.primaryKey().equals(chunkKey)) {
            return true;
        }
        char identity = table.replicaIdentity();
        // FULL: whole old rows; NOTHING: no old rows at all (inserts only).
        return identity != 'f'
                && identity != 'n'
                && !table.replicaIdentityKey().containsAll(chunkKey);
    }
}
