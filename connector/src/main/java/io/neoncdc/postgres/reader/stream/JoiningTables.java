package io.neoncdc.postgres.reader.stream;

import io.neoncdc.postgres.catalog.CaptureList;
import io.neoncdc.postgres.catalog.RunningTransactions;
import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import io.neoncdc.postgres.event.ChangeEvent;
import io.neoncdc.postgres.reader.CdcRecord;
import io.neoncdc.postgres.reader.ReadChunkRows;
import io.neoncdc.postgres.reader.snapshot.ChunkFetcher;
import io.neoncdc.postgres.schema.CapturedTables;
import io.neoncdc.postgres.snapshot.SnapshotStreamFilter;
import io.neoncdc.postgres.split.FinishedChunk;
import io.neoncdc.postgres.split.SnapshotSplit;
import io.neoncdc.postgres.split.StreamSplit;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.data.RowData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tables that join the capture while the job streams (added to the capture list before a restore,
 * or created later): the stream reader finds them, plans their chunks and reads one chunk at a time
 * between transactions, under the same visibility rules as the snapshot phase.
 */
final class JoiningTables {
    private static final Logger LOG = LoggerFactory.getLogger(JoiningTables.class);

    private final NeonPostgresSourceConfig config;
    private final CaptureList captured;
    private final CapturedTables tables;
    private final SnapshotStreamFilter filter;
    private final Supplier<Connection> connection;
    private final Set<TableId> known;
    private final ArrayDeque<SnapshotSplit> pending;
    private ChunkFetcher chunks;
    private boolean discovered;
    private boolean chunkTurn;
    private RunningTransactions barrier;
    private final DeliveredTransactions delivered;

    JoiningTables(
            NeonPostgresSourceConfig config,
            CaptureList captured,
            CapturedTables tables,
            SnapshotStreamFilter filter,
            StreamSplit split,
            Supplier<Connection> connection,
            DeliveredTransactions delivered) {
        this.delivered = delivered;
        this.config = config;
        this.captured = captured;
        this.tables = tables;
        this.filter = filter;
        this.connection = connection;
        this.known = new HashSet<>(split.knownTables());
        this.pending = new ArrayDeque<>(split.pendingChunks());
        filter.plan(new ArrayList<>(pending));
    }

    /**
     * Called between transactions: looks for joining tables once, then reads a planned chunk every
     * other call (the stream never pauses for long). Returns whether it read one.
     */
    boolean betweenTransactions(List<CdcRecord> out) throws SQLException, IOException {
        if (!pending.isEmpty() && pending.peek().readChunk() != null) {
            // Restored while its rows were being emitted: the rest goes out before any stream
            // event, which may change those rows (its snapshot decides, see the filter's plan).
            readChunk(out);
            return true;
        }
        if (!discovered) {
            discovered = true;
            plan(NewTables.discover(connection.get(), config, known), out);
        }
        chunkTurn = !chunkTurn;
        if (pending.isEmpty() || !chunkTurn || !published()) {
            return false;
        }
        // The stream dropped the changes it delivered to a planned chunk ("its read has them"):
        // the chunk's snapshot must see every such transaction. A streamed commit is not yet
        // visible while it waits for a synchronous standby or Neon's safekeepers (review §3), so
        // visibility decides, not LSN order; the stream goes on while it waits.
        if (!delivered.visibleNow("chunk " + pending.peek().splitId())) {
            return false;
        }
        readChunk(out);
        return true;
    }

    /** Whether chunks of joining tables are still to be read. */
    boolean pending() {
        return !pending.isEmpty();
    }

    /**
     * A relation message of a captured table the stream has no snapshot for (created after the
     * start): plans its chunks. Returns whether it did. {@code renamed}: the relation is captured
     * already, under its old name.
     */
    boolean onRelation(TableId id, boolean renamed, List<CdcRecord> out) throws SQLException {
        if (renamed) {
            // A captured table under a new name: the stream has had all its changes, so it is
            // known, not joining (reading it again would emit its rows twice).
            if (known.add(id)) {
                out.add(CdcRecord.knownTables(known));
            }
            return false;
        }
        return !known.contains(id) && captured.matches(id) && plan(List.of(id), out);
    }

    /**
     * Until a planned chunk is read, the stream drops changes to its keys: the chunk, read under a
     * later snapshot, contains them.
     */
    private boolean plan(List<TableId> ids, List<CdcRecord> out) throws SQLException {
        if (ids.isEmpty()) {
            return false;
        }
        List<SnapshotSplit> planned;
        try {
            planned = NewTables.plan(connection.get(), config, ids);
        } catch (ValidationException notPublished) {
            if (ids.size() > 1) {
                // Join those that can; only the unpublished ones stay out.
                boolean any = false;
                for (TableId id : ids) {
                    any |= plan(List.of(id), out);
                }
                return any;
            }
            // A publication the user manages lacks it, and the connector may not add it: failing
            // would fail every restart the same way (a crash loop), so the table stays out of the
            // capture, loudly. It is not known: once published, its next change (a relation
            // message) or the next start makes it join, snapshot included.
            LOG.warn(
                    "Table {} matches the capture list but is not captured: {}",
                    ids.get(0),
                    notPublished.getMessage());
            return false;
        }
        known.addAll(ids);
        if (planned.isEmpty()) {
            return false;
        }
        LOG.info(
                "Tables {} joined the capture: reading {} chunk(s) while streaming",
                ids,
                planned.size());
        pending.addAll(planned);
        barrier = RunningTransactions.now(connection.get());
        filter.plan(planned);
        out.add(CdcRecord.chunksPlanned(planned));
        return true;
    }

    /**
     * Whether the planned chunks may be read: only once the transactions that ran while their
     * tables joined the publication have ended, since the stream lacks what those wrote before
     * (after a restore, the transactions running then stand in for them: a superset).
     */
    private boolean published() throws SQLException {
        if (barrier == null) {
            barrier = RunningTransactions.now(connection.get());
        }
        return barrier.finished(connection.get());
    }

    private void readChunk(List<CdcRecord> out) throws IOException {
        if (chunks == null) {
            chunks = new ChunkFetcher(config, connection, tables);
        }
        SnapshotSplit head = pending.poll();
        ReadChunkRows rows = chunks.read(head);
        FinishedChunk done =
                new FinishedChunk(
                        head.splitId(),
                        head.bounds(),
                        rows.snapshot(),
                        rows.walLsnAfterSnapshot(),
                        rows.rowsEmittedBefore() + rows.rows().size());
        out.add(CdcRecord.chunkRead(rows));
        for (RowData row : rows.rows()) {
            out.add(CdcRecord.change(ChangeEvent.read(rows.table(), row), 0));
        }
        out.add(CdcRecord.chunkDone(done));
        // From here on the chunk's snapshot decides, exactly as for a snapshot-phase chunk.
        filter.finish(done);
    }
}
