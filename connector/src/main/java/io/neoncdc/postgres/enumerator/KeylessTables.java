package io.neoncdc.postgres.enumerator;

import io.neoncdc.postgres.catalog.CatalogReader;
import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.catalog.TableInfo;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import io.neoncdc.postgres.connection.PgConnector;
import io.neoncdc.postgres.reader.snapshot.LostExport;
import io.neoncdc.postgres.setup.ExportedSnapshot;
import io.neoncdc.postgres.snapshot.ChunkPlanner;
import io.neoncdc.postgres.snapshot.OneSnapshotChunks;
import io.neoncdc.postgres.split.FinishedChunk;
import io.neoncdc.postgres.split.SnapshotSplit;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The tables read under one exported snapshot per read ({@link OneSnapshotChunks}: keyless tables
 * chunked by page ranges, tables chunked outside their identity): their plans (which read of a
 * table is current, how many chunks it has) and the exported snapshots held for them. Coordinator
 * thread only, except {@link #planAgain}, which runs off it.
 *
 * <p>Exactly-once: page ranges partition a table's rows only under one snapshot. Once that snapshot
 * is gone, the chunks not yet read cannot be read consistently with the ones already emitted, so
 * the table is read again from its start under a new snapshot (DESIGN §4), and reports of the
 * earlier read (from readers restored with its chunks) no longer count: the stream filter must
 * judge every change of the table by one snapshot.
 */
final class KeylessTables implements AutoCloseable {
    /** What a chunk report means for its table. */
    enum Report {
        /** A report of the table's current read (or of a keyed chunk): it counts. */
        CURRENT,
        /** A chunk of an earlier read of the table: ignored. */
        STALE,
        /** A chunk of the current read whose exported snapshot is gone: read the table again. */
        LOST
    }

    /** A new read of one table, planned off the coordinator thread. */
    static final class NewRead {
        final TableId table;
        final KeylessPlan plan;
        final List<SnapshotSplit> chunks;
        final ExportedSnapshot export;

        NewRead(TableId table, KeylessPlan plan, List<SnapshotSplit> chunks, ExportedSnapshot e) {
            this.table = table;
            this.plan = plan;
            this.chunks = chunks;
            this.export = e;
        }
    }

    private final Map<TableId, KeylessPlan> plans = new LinkedHashMap<>();
    private final Map<TableId, ExportedSnapshot> exports = new LinkedHashMap<>();
    private final Set<TableId> planning = new HashSet<>();

    KeylessTables(Map<TableId, KeylessPlan> restored) {
        plans.putAll(restored);
    }

    /**
     * The setup planned these chunks; those by page ranges are read under {@code exported}. Returns
     * the chunks, renumbered into a new read's range for a table read before (a re-snapshot).
     */
    List<SnapshotSplit> planned(List<SnapshotSplit> chunks, ExportedSnapshot exported) {
        Map<TableId, Integer> counts = new LinkedHashMap<>();
        for (SnapshotSplit s : chunks) {
            if (s.exportedSnapshot() != null) {
                counts.merge(s.table(), 1, Integer::sum);
            }
        }
        Map<TableId, KeylessPlan> fresh = new LinkedHashMap<>();
        counts.forEach(
                (t, n) -> {
                    KeylessPlan earlier = plans.get(t);
                    fresh.put(t, earlier == null ? new KeylessPlan(0, n) : earlier.next(n));
                });
        List<SnapshotSplit> out = new ArrayList<>(chunks.size());
        for (SnapshotSplit s : chunks) {
            KeylessPlan plan = fresh.get(s.table());
            out.add(plan == null ? s : renumbered(s, plan, s.exportedSnapshot()));
        }
        for (TableId t : fresh.keySet()) {
            release(t);
            exports.put(t, exported);
        }
        plans.putAll(fresh);
        return out;
    }

    private static SnapshotSplit renumbered(SnapshotSplit s, KeylessPlan plan, String export) {
        return new SnapshotSplit(plan.firstIndex() + s.chunkIndex(), s.bounds(), export, null);
    }

    Report classify(FinishedChunk chunk) {
        KeylessPlan plan = plans.get(chunk.bounds().table());
        if (plan == null) {
            return Report.CURRENT; // a table read with one snapshot per chunk
        }
        if (!plan.owns(chunk.splitId())) {
            return Report.STALE;
        }
        return LostExport.is(chunk) ? Report.LOST : Report.CURRENT;
    }

    /** Whether a chunk handed back belongs to an earlier read of its table (it is dropped). */
    boolean stale(SnapshotSplit chunk) {
        KeylessPlan plan = plans.get(chunk.table());
        return plan != null && !plan.owns(chunk.splitId());
    }

    /** The current plan of a table, or null (not a keyless table, or a version 1 state). */
    KeylessPlan plan(TableId table) {
        return plans.get(table);
    }

    /** Marks a new read of the table as under way; false if one already is. */
    boolean startPlanning(TableId table) {
        return planning.add(table);
    }

    /**
     * Plans a new read of the table from its start under a new exported snapshot (locked like the
     * first one). Runs off the coordinator thread.
     */
    static NewRead planAgain(
            NeonPostgresSourceConfig config, PgConnector connector, TableId id, KeylessPlan current)
            throws SQLException {
        List<SnapshotSplit> planned;
        List<TableInfo> info;
        try (Connection c = connector.openQuery()) {
            CatalogReader catalog = new CatalogReader(c);
            CatalogReader.Relation relation =
                    catalog.relation(id)
                            .orElseThrow(
                                    () ->
                                            new SQLException(
                                                    "Table "
                                                            + id
                                                            + " was dropped or renamed while being"
                                                            + " snapshotted",
                                                    "42P01"));
            info = catalog.describe(List.of(relation));
            planned = new ChunkPlanner(config, c).plan(info);
        }
        ExportedSnapshot export = null;
        Predicate<SnapshotSplit> shared =
                s -> OneSnapshotChunks.needed(info.get(0), s.bounds().keyColumns());
        if (planned.stream().anyMatch(shared)) {
            export = ExportedSnapshot.export(connector, List.of(id.quoted()));
        }
        KeylessPlan next = current.next(planned.size());
        String exportId = export == null ? null : export.id();
        List<SnapshotSplit> chunks =
                planned.stream()
                        .map(s -> renumbered(s, next, shared.test(s) ? exportId : null))
                        .collect(Collectors.toList());
        return new NewRead(id, next, chunks, export);
    }

    /** The new read is the table's current one (coordinator thread). */
    void replanned(NewRead read) {
        planning.remove(read.table);
        release(read.table);
        plans.put(read.table, read.plan);
        if (read.export != null) {
            exports.put(read.table, read.export);
        }
    }

    /** Planning a new read failed: a later lost report may try again. */
    void planningFailed(TableId table) {
        planning.remove(table);
    }

    /**
     * Releases the snapshots no table needs any more: {@code done} says whether every chunk of a
     * table's current read is emitted in a completed checkpoint.
     */
    void releaseDone(Predicate<TableId> done) {
        for (TableId t : new ArrayList<>(exports.keySet())) {
            if (!planning.contains(t) && done.test(t)) {
                release(t);
            }
        }
    }

    /** Drops the table's reference to its snapshot; the last table's release closes it. */
    private void release(TableId table) {
        ExportedSnapshot e = exports.remove(table);
        if (e != null && !exports.containsValue(e)) {
            e.close();
        }
    }

    Map<TableId, KeylessPlan> plans() {
        return plans;
    }

    void clearExports() {
        for (TableId t : new ArrayList<>(exports.keySet())) {
            release(t);
        }
    }

    @Override
    public void close() {
        clearExports();
    }
}
