package io.neoncdc.postgres.enumerator;

import io.neoncdc.postgres.snapshot.ChunkPlanner;
import io.neoncdc.postgres.split.SnapshotSplit;
import java.util.Objects;

/**
 * The current plan of a table without a key (page-range chunks under one exported snapshot): which
 * read of the table it is and how many chunks that read has. A table is read again from its start
 * when its exported snapshot is lost; each read numbers its chunks in a range of its own, so a
 * chunk of an earlier read (still in a restored reader's state) is recognised and not counted.
 */
public final class KeylessPlan {
    /** Chunk indexes of read {@code g} are {@code [g * STRIDE, (g + 1) * STRIDE)}. */
    public static final int STRIDE = ChunkPlanner.KEYLESS_READ_STRIDE;

    private final int generation;
    private final int chunks;

    public KeylessPlan(int generation, int chunks) {
        this.generation = generation;
        this.chunks = chunks;
    }

    /** 0 for the first read of the table, 1 for the first read again, and so on. */
    public int generation() {
        return generation;
    }

    /** How many chunks this read of the table has. */
    public int chunks() {
        return chunks;
    }

    /** The index of the first chunk of this read. */
    int firstIndex() {
        return generation * STRIDE;
    }

    /** Whether this chunk belongs to this read (not to an earlier one). */
    boolean owns(String splitId) {
        return SnapshotSplit.chunkIndexOf(splitId) / STRIDE == generation;
    }

    /** The plan of the next read of the table from its start. */
    KeylessPlan next(int newChunks) {
        if (generation + 1 >= Integer.MAX_VALUE / STRIDE) {
            throw new IllegalStateException("Table read again too often: " + generation);
        }
        return new KeylessPlan(generation + 1, newChunks);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeylessPlan
                && ((KeylessPlan) o).generation == generation
                && ((KeylessPlan) o).chunks == chunks;
    }

    @Override
    public int hashCode() {
        return Objects.hash(generation, chunks);
    }

    @Override
    public String toString() {
        return "read " + generation + " of " + chunks + " chunk(s)";
    }
}
