package io.neoncdc.postgres.reader.stream;

import io.neoncdc.postgres.catalog.CaptureList;
import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.config.ChangelogMode;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import io.neoncdc.postgres.event.ChangeEvent;
import io.neoncdc.postgres.reader.CdcRecord;
import io.neoncdc.postgres.reader.ReadChunkRows;
import io.neoncdc.postgres.reader.snapshot.ChunkFetcher;
import io.neoncdc.postgres.schema.CapturedTables;
import io.neoncdc.postgres.split.ResyncChunks;
import io.neoncdc.postgres.split.SnapshotSplit;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.function.Supplier;
import org.apache.flink.table.data.RowData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-snapshots asked for by {@code execute-snapshot} signals: the stream reader reads the tables
 * again one chunk at a time between transactions and emits each chunk's rows as upserts through a
 * {@link ResyncWindow}, while the stream goes on; {@code stop-snapshot} cancels what is left.
 */
final class Resync {
    private static final Logger LOG = LoggerFactory.getLogger(Resync.class);

    private final NeonPostgresSourceConfig config;
    private final CaptureList captured;
    private final CapturedTables tables;
    private final Supplier<Connection> connection;
    private ResyncChunks chunks;
    private ResyncWindow window;
    private ChunkFetcher fetcher;
    private final DeliveredTransactions delivered;

    Resync(
            NeonPostgresSourceConfig config,
            CaptureList captured,
            CapturedTables tables,
            ResyncChunks restored,
            Supplier<Connection> connection) {
        this(config, captured, tables, restored, connection, null);
    }

    /**
     * @param delivered the transactions the stream delivered, which a window read must see (null:
     *     not checked, for tests of the window mechanics)
     */
    Resync(
            NeonPostgresSourceConfig config,
            CaptureList captured,
            CapturedTables tables,
            ResyncChunks restored,
            Supplier<Connection> connection,
            DeliveredTransactions delivered) {
        this.delivered = delivered;
        this.config = config;
        this.captured = captured;
        this.tables = tables;
        this.chunks = restored;
        this.connection = connection;
    }

    /** A committed signal. A bad one is logged and skipped: the stream goes on. */
    void onSignal(Signal signal, List<CdcRecord> out) throws SQLException {
        if (!signal.isExecute()) {
            LOG.info("{}: {} chunk(s) of a re-snapshot dropped", signal, chunks.chunks().size());
            stop(signal.tables == null ? null : new HashSet<>(signal.tables));
            out.add(CdcRecord.resync(chunks));
            return;
        }
        String problem = problem(signal);
        if (problem != null) {
            LOG.error("Signal '{}' ignored: {}", signal.id, problem);
            return;
        }
        stop(new HashSet<>(signal.tables));
        List<SnapshotSplit> planned;
        try {
            planned = NewTables.plan(connection.get(), config, signal.tables);
        } catch (org.apache.flink.table.api.ValidationException unpublished) {
            // E.g. a table outside a publication the user manages: failing would fail every
            // restart that replays the signal.
            LOG.error("Signal '{}' ignored: {}", signal.id, unpublished.getMessage());
            return;
        }
        chunks = chunks.plus(planned, signal.conditions);
        LOG.info("{}: reading {} chunk(s) again while streaming", signal, planned.size());
        out.add(CdcRecord.resync(chunks));
    }

    /** Whether re-snapshot chunks are still to be read or emitted. */
    boolean pending() {
        return !chunks.isEmpty();
    }

    /** A change the stream emits: a held row of its key must not overwrite it. */
    void onChange(TableId table, RowData before, RowData after) {
        if (window != null && window.table().equals(table)) {
            window.changed(before, after);
        }
    }

    /** A skipped TRUNCATE: rows held for this table are gone; its chunk is read again. */
    void onTruncate(TableId table) {
        if (window != null && window.table().equals(table)) {
            window = null;
        }
    }

    /**
     * Between transactions: emits the held rows once the stream caught up with their snapshot, or
     * reads the next chunk. Returns whether it added records.
     */
    boolean betweenTransactions(long streamedUpTo, List<CdcRecord> out)
            throws IOException, SQLException {
        if (chunks.isEmpty()) {
            return false;
        }
        SnapshotSplit head = chunks.chunks().get(0);
        if (window == null && head.readChunk() != null) {
            // Restored while its rows were being emitted: emit the rest, never read it again.
            emit(fetcher().read(head), out);
            return true;
        }
        if (window == null) {
            // The window's rows are emitted after the stream's events so far: its snapshot must
            // see every transaction the stream delivered (emitted), or a held row would take its
            // key back to before it. Streamed is not visible while a commit waits for a
            // synchronous standby or Neon's safekeepers (review §3): ask the snapshot.
            if (delivered != null && !delivered.visibleNow("re-snapshot chunk " + head.splitId())) {
                return false;
            }
            window = new ResyncWindow(fetcher().read(head, chunks.filter(head.table())));
            return false;
        }
        if (!window.caughtUp(streamedUpTo)) {
            return false;
        }
        LOG.debug("{}: {} row(s) newer in the stream", head.splitId(), window.dropped());
        emit(window.remaining(), out);
        window = null;
        return true;
    }

    private void emit(ReadChunkRows rows, List<CdcRecord> out) {
        out.add(CdcRecord.resyncRead(rows));
        for (RowData row : rows.rows()) {
            out.add(CdcRecord.change(ChangeEvent.read(rows.table(), row), 0));
        }
        chunks = chunks.tail();
        out.add(CdcRecord.resync(chunks));
        if (chunks.isEmpty()) {
            LOG.info("Re-snapshot finished");
        }
    }

    private void stop(java.util.Set<TableId> which) {
        if (window != null && (which == null || which.contains(window.table()))) {
            window = null;
        }
        chunks = chunks.without(which);
    }

    /** Why this execute-snapshot cannot run, or null. */
    private String problem(Signal signal) throws SQLException {
        if (config.changelogMode() != ChangelogMode.UPSERT) {
            return "re-snapshot rows of keys the output already holds are upserts: set"
                    + " 'changelog-mode' = 'upsert' (in 'all' mode they would be inserts twice)";
        }
        for (TableId t : signal.tables) {
            if (!captured.matches(t)) {
                return t + " is not captured by this source (" + captured + ")";
            }
            if (tables.get(connection.get(), t).schema().keyColumns().isEmpty()) {
                return t + " has no primary key: its rows cannot be matched with the stream";
            }
            String filter = signal.conditions.get(t);
            if (filter != null) {
                try (Statement st = connection.get().createStatement()) {
                    st.execute("SELECT 1 FROM " + t.quoted() + " WHERE (" + filter + ") LIMIT 0");
                } catch (SQLException e) {
                    return "the condition for " + t + " fails: " + e.getMessage();
                }
            }
        }
        return null;
    }

    private ChunkFetcher fetcher() {
        if (fetcher == null) {
            fetcher = new ChunkFetcher(config, connection, tables);
        }
        return fetcher;
    }
}
