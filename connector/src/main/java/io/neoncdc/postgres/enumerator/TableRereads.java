package io.neoncdc.postgres.enumerator;

import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import io.neoncdc.postgres.connection.PgConnector;
import io.neoncdc.postgres.split.FinishedChunk;
import io.neoncdc.postgres.split.NeonSplit;
import java.util.List;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.flink.util.FlinkRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a keyless table again from its start when its exported snapshot is gone (DESIGN §4), on the
 * report of a chunk that could not be read. Coordinator thread; the planning runs through {@code
 * context.callAsync}.
 */
final class TableRereads {
    private static final Logger LOG = LoggerFactory.getLogger(TableRereads.class);

    private final NeonPostgresSourceConfig config;
    private final SplitEnumeratorContext<NeonSplit> context;
    private final KeylessTables keyless;
    private final SnapshotChunks chunks;
    private final Runnable afterNewRead;

    /**
     * @param afterNewRead run once a new read's chunks replace the old ones (re-arm the stream
     *     gate, assign the new chunks)
     */
    TableRereads(
            NeonPostgresSourceConfig config,
            SplitEnumeratorContext<NeonSplit> context,
            KeylessTables keyless,
            SnapshotChunks chunks,
            Runnable afterNewRead) {
        this.config = config;
        this.context = context;
        this.keyless = keyless;
        this.chunks = chunks;
        this.afterNewRead = afterNewRead;
    }

    /** A report that does not count ({@link KeylessTables.Report#STALE} or {@code LOST}). */
    void reported(KeylessTables.Report kind, FinishedChunk chunk) {
        if (kind == KeylessTables.Report.LOST) {
            exportLost(chunk);
        } else if (chunk.rows() > 0) {
            LOG.warn(
                    "{} of an earlier read of {} emitted its last {} row(s) (its reader was"
                            + " restored while emitting it): the table is being read again from"
                            + " its start, so these rows come twice",
                    chunk.splitId(),
                    chunk.bounds().table(),
                    chunk.rows());
        }
    }

    private void exportLost(FinishedChunk chunk) {
        TableId table = chunk.bounds().table();
        KeylessPlan plan = keyless.plan(table);
        if (plan == null) {
            // A version 1 state does not say how many chunks the table's read has.
            throw new SuppressRestartsException(
                    new IllegalStateException(
                            "The snapshot exported for the chunks of "
                                    + table
                                    + " (a table without a primary key) is gone, and this job was"
                                    + " restored from a checkpoint of an older connector version"
                                    + " that does not record how the table was chunked, so it"
                                    + " cannot be read again from its start. Restart the job"
                                    + " without state, or set 'scan.snapshot.chunk.key-column' to"
                                    + " a NOT NULL column so the table is chunked by key."));
        }
        if (!keyless.startPlanning(table)) {
            return; // another chunk of the same read reported it first
        }
        LOG.warn(
                "The snapshot exported for the chunks of {} (a table without a primary key) is"
                        + " gone: the JobManager restarted, or the connection that held it was"
                        + " lost. Its chunks not yet read cannot be read consistently with those"
                        + " already emitted, so the table is read again from its start under a"
                        + " new snapshot.",
                table);
        PgConnector connector =
                new PgConnector(config.connection(), "neon-postgres-cdc enumerator");
        context.callAsync(
                () -> KeylessTables.planAgain(config, connector, table, plan),
                (read, error) -> {
                    if (error != null) {
                        keyless.planningFailed(table);
                        throw new FlinkRuntimeException(
                                "Planning a new read of " + table + " failed", error);
                    }
                    readAgain(read, plan);
                });
    }

    /** The new read of a keyless table replaces every chunk and report of the earlier one. */
    private void readAgain(KeylessTables.NewRead read, KeylessPlan earlier) {
        List<FinishedChunk> dropped =
                chunks.replaceTable(read.table, read.chunks, read.plan.chunks() - earlier.chunks());
        keyless.replanned(read);
        long rows = dropped.stream().mapToLong(FinishedChunk::rows).sum();
        if (dropped.isEmpty()) {
            LOG.info(
                    "{}: read again in {} chunk(s); no chunk of the earlier read had been"
                            + " reported finished",
                    read.table,
                    read.chunks.size());
        } else {
            LOG.warn(
                    "{}: read again in {} chunk(s). {} row(s) of {} chunk(s) of the earlier read"
                            + " were already emitted and come again: the changelog of this table"
                            + " has them twice. Set 'scan.snapshot.chunk.key-column' to a NOT NULL"
                            + " column to chunk it by key and avoid this.",
                    read.table,
                    read.chunks.size(),
                    rows,
                    dropped.size());
        }
        afterNewRead.run();
    }
}
