package io.neoncdc.postgres.reader;

import io.neoncdc.postgres.catalog.CaptureList;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import io.neoncdc.postgres.connection.PgConnector;
import io.neoncdc.postgres.event.ChangeEventDeserializer;
import io.neoncdc.postgres.pgoutput.Lsn;
import io.neoncdc.postgres.snapshot.FinishedChunk;
import io.neoncdc.postgres.split.ChunksAckEvent;
import io.neoncdc.postgres.split.ChunksFinishedEvent;
import io.neoncdc.postgres.split.NeonSplit;
import io.neoncdc.postgres.split.SnapshotSplit;
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
    private final Map<String, SnapshotSplit> finishedUnacked = new LinkedHashMap<>();
    private final ChangeEventDeserializer<T> deserializer;
    private boolean anySplitAssigned;

    private NeonSourceReader(
            NeonPostgresSourceConfig config,
            ChangeEventDeserializer<T> deserializer,
            SourceReaderContext context,
            StreamControl control,
            CaptureList captured,
            CapturedTables tables) {
        // One table cache per reader, not per fetcher: an idle fetcher is shut down after its
        // chunks, and the stream's fetcher must keep the column types described at start.
        super(
                () ->
                        new NeonSplitReader(
                                config,
                                new PgConnector(
                                        config.connection(),
                                        "neon-postgres-cdc reader " + context.getIndexOfSubtask()),
                                control,
                                captured,
                                tables),
                new NeonRecordEmitter<>(deserializer),
                new Configuration(),
                context);
        this.control = control;
        this.deserializer = deserializer;
    }

    public static <T> NeonSourceReader<T> create(
            NeonPostgresSourceConfig config,
            ChangeEventDeserializer<T> deserializer,
            SourceReaderContext context,
            CaptureList captured) {
        return new NeonSourceReader<>(
                config,
                deserializer,
                context,
                new StreamControl(),
                captured,
                new CapturedTables(config));
    }

    @Override
    public void start() {
        try {
            deserializer.open();
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
    public void addSplits(List<NeonSplit> splits) {
        anySplitAssigned = true;
        super.addSplits(splits);
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
                // A bounded stream ended: ask for more so the enumerator can say there is none.
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
        return splits;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        super.notifyCheckpointComplete(checkpointId);
        Map.Entry<Long, Long> entry = checkpointLsns.floorEntry(checkpointId);
        if (entry == null) {
            return;
        }
        // Confirm the position recorded for this completed checkpoint, never the live one: a
        // restore from this checkpoint resumes there, so the server may release older WAL.
        long lsn = entry.getValue();
        checkpointLsns.headMap(checkpointId, true).clear();
        if (lsn > 0) {
            LOG.debug("Checkpoint {} complete: confirming {}", checkpointId, Lsn.format(lsn));
            control.requestConfirm(lsn);
        }
    }
}
