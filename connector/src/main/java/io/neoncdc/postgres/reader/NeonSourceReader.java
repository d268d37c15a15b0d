package io.neoncdc.postgres.reader;

import io.neoncdc.postgres.catalog.CaptureList;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import io.neoncdc.postgres.connection.PgConnector;
import io.neoncdc.postgres.event.ChangeEventDeserializer;
import io.neoncdc.postgres.pgoutput.Lsn;
import io.neoncdc.postgres.reader.snapshot.ChunkFetcher;
import io.neoncdc.postgres.schema.CapturedTables;
import io.neoncdc.postgres.split.ChunksAckEvent;
import io.neoncdc.postgres.split.ChunksFinishedEvent;
import io.neoncdc.postgres.split.FinishedChunk;
import io.neoncdc.postgres.split.NeonSplit;
import io.neoncdc.postgres.split.SlotLostEvent;
import io.neoncdc.postgres.split.SnapshotSplit;
import io.neoncdc.postgres.split.StreamGateEvent;
import io.neoncdc.postgres.split.StreamRevokeEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source reader: reads chunks and the stream on one fetcher thread, reports finished chunks to
 * the enumerator, and confirms to the server only the LSNs of completed checkpoints.
 */
public final class NeonSourceReader<T>
        extends SingleThreadMultiplexSourceReaderBase<CdcRecord, T, NeonSplit, NeonSplitState> {
    private static final Logger LOG = LoggerFactory.getLogger(NeonSourceReader.class);

    private final StreamControl control;
    private final TreeMap<Long, Long> checkpointLsns = new TreeMap<>();
    private final java.util.ArrayDeque<Long> completedLsns = new java.util.ArrayDeque<>();
    private final int confirmDelay;
    private final Map<String, SnapshotSplit> finishedUnacked = new LinkedHashMap<>();
    private final ChangeEventDeserializer<T> deserializer;
    private final ChunkFetcher chunks;
    private final NeonPostgresSourceConfig config;
    private final HeldStream heldStream = new HeldStream();
    private final CaptureList captured;
    private boolean anySplitAssigned;

    private NeonSourceReader(
            NeonPostgresSourceConfig config,
            ChangeEventDeserializer<T> deserializer,
            SourceReaderContext context,
            StreamControl control,
            CaptureList captured,
            PgConnector connector,
            CapturedTables tables,
            ChunkFetcher chunks) {
        super(
                () -> new NeonSplitReader(config, connector, control, captured, tables, chunks),
                new NeonRecordEmitter<>(deserializer),
                new Configuration(),
                context);
        this.control = control;
        this.config = config;
        this.deserializer = deserializer;
        this.confirmDelay = config.confirmDelayCheckpoints();
        this.chunks = chunks;
        this.captured = captured;
    }

    public static <T> NeonSourceReader<T> create(
            NeonPostgresSourceConfig config,
            ChangeEventDeserializer<T> deserializer,
            SourceReaderContext context,
            CaptureList captured) {
        PgConnector connector =
                new PgConnector(
                        config.connection(),
                        "neon-postgres-cdc reader " + context.getIndexOfSubtask());
        CapturedTables tables = new CapturedTables(config);
        // One chunk fetcher (and so at most one chunk connection) per reader for its whole life:
        // Flink replaces an idle split fetcher by a new one and closes the old one later, on its
        // own thread, which must not make two chunk connections overlap (the parallelism + 2
        // connection budget) nor reconnect for every chunk.
        ChunkFetcher chunks = new ChunkFetcher(config, connector, tables);
        return new NeonSourceReader<>(
                config,
                deserializer,
                context,
                new StreamControl(),
                captured,
                connector,
                tables,
                chunks);
    }

    @Override
    public void start() {
        try {
            deserializer.open(config);
        } catch (Exception e) {
            throw new IllegalStateException("Opening the deserializer failed", e);
        }
        super.start();
        if (!anySplitAssigned) {
            // Two requests keep the fetcher reading the next chunk while one is emitted.
            context.sendSplitRequest();
            context.sendSplitRequest();
        }
    }

    @Override
    public void close() throws Exception {
        try {
            super.close(); // stops the split fetchers first
        } finally {
            chunks.close();
        }
    }

    @Override
    public void addSplits(List<NeonSplit> splits) {
        anySplitAssigned = true;
        List<NeonSplit> now = new ArrayList<>();
        for (NeonSplit split : splits) {
            if (split.isStream()) {
                split = split.asStream().forgetting(captured::matches);
            }
            if (heldStream.hold(split)) {
                LOG.info("Stream split received; it starts once the next checkpoint completes");
            } else {
                now.add(split);
            }
        }
        if (now.stream().anyMatch(NeonSplit::isStream)) {
            control.metrics().register(context.metricGroup());
        }
        super.addSplits(now);
    }

    @Override
    protected NeonSplitState initializedState(NeonSplit split) {
        return split.isStream()
                ? new StreamSplitState(split.asStream())
                : new SnapshotSplitState(split.asSnapshot());
    }

    @Override
    protected NeonSplit toSplitType(String splitId, NeonSplitState state) {
        return state.toSplit();
    }

    @Override
    protected void onSplitFinished(Map<String, NeonSplitState> finished) {
        List<FinishedChunk> chunks = new ArrayList<>();
        for (NeonSplitState state : finished.values()) {
            if (state instanceof StreamSplitState) {
                if (state.asStream().isSlotLost()) {
                    context.sendSourceEventToCoordinator(new SlotLostEvent());
                }
                // A bounded stream ended (or must be re-snapshotted): ask for the next split.
                context.sendSplitRequest();
            }
            if (state instanceof SnapshotSplitState) {
                SnapshotSplitState s = state.asSnapshot();
                FinishedChunk chunk = s.finished();
                chunks.add(chunk);
                // Kept in this reader's checkpoints until the enumerator acknowledges it, so a
                // report lost in a failover is sent again after the restore.
                finishedUnacked.put(chunk.splitId(), s.toSplit());
            }
        }
        if (!chunks.isEmpty()) {
            context.sendSourceEventToCoordinator(new ChunksFinishedEvent(chunks));
            for (int i = 0; i < chunks.size(); i++) {
                context.sendSplitRequest();
            }
        }
    }

    @Override
    public void handleSourceEvents(SourceEvent event) {
        if (event instanceof ChunksAckEvent) {
            ((ChunksAckEvent) event).splitIds().forEach(finishedUnacked::remove);
        } else if (event instanceof StreamGateEvent) {
            heldStream.gateNext();
        } else if (event instanceof StreamRevokeEvent) {
            heldStream.revoke(); // the enumerator counts this reader as waiting again
        } else {
            super.handleSourceEvents(event);
        }
    }

    @Override
    public List<NeonSplit> snapshotState(long checkpointId) {
        List<NeonSplit> splits = new ArrayList<>(super.snapshotState(checkpointId));
        for (NeonSplit split : splits) {
            if (split.isStream()) {
                checkpointLsns.put(checkpointId, split.asStream().lastCommitEndLsn());
            }
        }
        splits.addAll(finishedUnacked.values());
        NeonSplit held = heldStream.snapshot(checkpointId);
        if (held != null) {
            splits.add(held);
        }
        return splits;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        super.notifyCheckpointComplete(checkpointId);
        NeonSplit released = heldStream.release(checkpointId);
        if (released != null) {
            LOG.info(
                    "Checkpoint {} completed after the last chunk: starting the stream",
                    checkpointId);
            addSplits(List.of(released));
        }
        Map.Entry<Long, Long> entry = checkpointLsns.floorEntry(checkpointId);
        if (entry == null) {
            return;
        }
        // Confirm the position recorded for a completed checkpoint, never the live one: a
        // restore from that checkpoint resumes there, so the server may release older WAL. With
        // slot.confirm-delay-checkpoints = n it is the checkpoint n completions back, so a restore
        // from any of the last n + 1 checkpoints still finds its changes in the slot.
        checkpointLsns.headMap(checkpointId, true).clear();
        completedLsns.addLast(entry.getValue());
        while (completedLsns.size() > confirmDelay + 1) {
            completedLsns.removeFirst();
        }
        long lsn = completedLsns.size() == confirmDelay + 1 ? completedLsns.peekFirst() : 0;
        if (lsn > 0) {
            LOG.debug("Checkpoint {} complete: confirming {}", checkpointId, Lsn.format(lsn));
            control.requestConfirm(lsn);
        }
    }
}
