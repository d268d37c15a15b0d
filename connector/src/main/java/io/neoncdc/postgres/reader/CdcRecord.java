package io.neoncdc.postgres.reader;

import io.neoncdc.postgres.event.ChangeEvent;
import io.neoncdc.postgres.split.FinishedChunk;
import io.neoncdc.postgres.split.ResyncChunks;
import io.neoncdc.postgres.split.SnapshotSplit;
import java.util.List;

/**
 * What the fetcher thread hands to the emitter: a change to emit, or a move of the stream position
 * that emits nothing (a commit, an idle advance), or the start of a read chunk.
 */
public final class CdcRecord {
    /** Kinds of records. */
    public enum Kind {
        /** A change; for the stream, {@code lsn} is the final LSN of its transaction. */
        CHANGE,
        /** A transaction's commit; {@code lsn} is the commit's end LSN. */
        COMMIT,
        /** Nothing in flight and everything up to {@code lsn} processed (layer-1 heartbeat). */
        ADVANCE,
        /** A chunk's rows, all read under one snapshot, about to be emitted. */
        CHUNK_READ,
        /** The slot lost changes this stream needs; the stream split ends to be re-snapshotted. */
        SLOT_LOST,
        /** Chunks planned for tables that joined while streaming (read between transactions). */
        CHUNKS_PLANNED,
        /** A chunk read inside the stream was emitted completely. */
        CHUNK_DONE,
        /** The re-snapshot chunks changed (a signal, or the head was emitted completely). */
        RESYNC,
        /** The head re-snapshot chunk's rows, about to be emitted. */
        RESYNC_READ,
        /**
         * The tables the stream has a snapshot of changed without chunks: a captured table was
         * renamed, or tables the capture list no longer matches were forgotten.
         */
        KNOWN_TABLES
    }

    private final Kind kind;
    private final ChangeEvent event;
    private final long lsn;
    private final ReadChunkRows chunk;
    private final Object payload;

    private CdcRecord(Kind kind, ChangeEvent event, long lsn, ReadChunkRows chunk) {
        this(kind, event, lsn, chunk, null);
    }

    private CdcRecord(Kind kind, ChangeEvent event, long lsn, ReadChunkRows chunk, Object payload) {
        this.kind = kind;
        this.event = event;
        this.lsn = lsn;
        this.chunk = chunk;
        this.payload = payload;
    }

    public static CdcRecord chunksPlanned(List<SnapshotSplit> chunks) {
        return new CdcRecord(Kind.CHUNKS_PLANNED, null, 0, null, List.copyOf(chunks));
    }

    public static CdcRecord knownTables(java.util.Set<io.neoncdc.postgres.catalog.TableId> known) {
        return new CdcRecord(Kind.KNOWN_TABLES, null, 0, null, java.util.Set.copyOf(known));
    }

    /** The tables of a {@link Kind#KNOWN_TABLES} record. */
    @SuppressWarnings("unchecked")
    public java.util.Set<io.neoncdc.postgres.catalog.TableId> knownTables() {
        return (java.util.Set<io.neoncdc.postgres.catalog.TableId>) payload;
    }

    public static CdcRecord resync(ResyncChunks resync) {
        return new CdcRecord(Kind.RESYNC, null, 0, null, resync);
    }

    public static CdcRecord resyncRead(ReadChunkRows rows) {
        return new CdcRecord(Kind.RESYNC_READ, null, 0, rows);
    }

    public ResyncChunks resyncChunks() {
        return (ResyncChunks) payload;
    }

    public static CdcRecord chunkDone(FinishedChunk chunk) {
        return new CdcRecord(Kind.CHUNK_DONE, null, 0, null, chunk);
    }

    @SuppressWarnings("unchecked")
    public List<SnapshotSplit> plannedChunks() {
        return (List<SnapshotSplit>) payload;
    }

    public FinishedChunk doneChunk() {
        return (FinishedChunk) payload;
    }

    public static CdcRecord change(ChangeEvent event, long txnFinalLsn) {
        return new CdcRecord(Kind.CHANGE, event, txnFinalLsn, null);
    }

    public static CdcRecord commit(long endLsn) {
        return new CdcRecord(Kind.COMMIT, null, endLsn, null);
    }

    public static CdcRecord advance(long lsn) {
        return new CdcRecord(Kind.ADVANCE, null, lsn, null);
    }

    public static CdcRecord slotLost() {
        return new CdcRecord(Kind.SLOT_LOST, null, 0, null);
    }

    public static CdcRecord chunkRead(ReadChunkRows chunk) {
        return new CdcRecord(Kind.CHUNK_READ, null, 0, chunk);
    }

    public Kind kind() {
        return kind;
    }

    public ChangeEvent event() {
        return event;
    }

    public long lsn() {
        return lsn;
    }

    public ReadChunkRows chunk() {
        return chunk;
    }
}
