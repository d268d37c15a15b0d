package io.neoncdc.postgres.reader;

import io.neoncdc.postgres.catalog.CaptureList;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import io.neoncdc.postgres.connection.PgConnector;
import io.neoncdc.postgres.reader.snapshot.ChunkFetcher;
import io.neoncdc.postgres.reader.stream.StreamFetcher;
import io.neoncdc.postgres.schema.CapturedTables;
import io.neoncdc.postgres.split.NeonSplit;
import io.neoncdc.postgres.split.SnapshotSplit;
import io.neoncdc.postgres.split.StreamSplit;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;

/**
 * The fetcher thread's worker: reads assigned chunks one at a time, each as one batch, then streams
 * changes once the stream split arrives.
 */
final class NeonSplitReader implements SplitReader<CdcRecord, NeonSplit> {
    static final int STREAM_BATCH = 4096;
    static final long STREAM_WAIT_MILLIS = 200;

    private final NeonPostgresSourceConfig config;
    private final PgConnector connector;
    private final StreamControl control;
    private final CaptureList captured;
    private final CapturedTables tables;
    private final ArrayDeque<NeonSplit> pending = new ArrayDeque<>();
    private final ChunkFetcher chunks;
    private StreamFetcher stream;

    NeonSplitReader(
            NeonPostgresSourceConfig config,
            PgConnector connector,
            StreamControl control,
            CaptureList captured,
            CapturedTables tables,
            ChunkFetcher chunks) {
        this.config = config;
        this.connector = connector;
        this.control = control;
        this.captured = captured;
        this.tables = tables;
        this.chunks = chunks;
    }

    @Override
    public RecordsWithSplitIds<CdcRecord> fetch() throws IOException {
        if (stream == null) {
            NeonSplit next = pending.peek();
            if (next == null) {
                return new RecordsBySplits.Builder<CdcRecord>().build();
            }
            if (!next.isStream()) {
                pending.poll();
                return readChunk(next.asSnapshot());
            }
            pending.poll();
            startStream(next.asStream());
        }
        List<CdcRecord> records = stream.poll(STREAM_BATCH, STREAM_WAIT_MILLIS);
        if (stream.reachedStop()) {
            stream.close();
            stream = null;
            return new SingleSplitRecords(StreamSplit.ID, records, true);
        }
        return new SingleSplitRecords(StreamSplit.ID, records, false);
    }

    private RecordsWithSplitIds<CdcRecord> readChunk(SnapshotSplit split) throws IOException {
        ReadChunkRows rows = chunks.read(split);
        if (config.idleDisconnect().enabled() && pending.isEmpty()) {
            // Idle mode: a reader with no chunk waiting keeps no connection open for a compute
            // to stay awake for (the next chunk, if any, connects again). Fetcher thread only.
            chunks.close();
        }
        return new ChunkRecords(split.splitId(), rows);
    }

    private void startStream(StreamSplit split) {
        chunks.close(); // the chunk connection is not needed while streaming
        stream = new StreamFetcher(config, connector, control, split, captured, tables);
    }

    @Override
    public void handleSplitsChanges(SplitsChange<NeonSplit> change) {
        if (!(change instanceof SplitsAddition)) {
            throw new UnsupportedOperationException("Unsupported split change " + change);
        }
        for (NeonSplit split : change.splits()) {
            // Chunks first: the stream split only ever arrives after every chunk finished.
            if (split.isStream()) {
                pending.addLast(split);
            } else {
                pending.addFirst(split);
            }
        }
    }

    @Override
    public void wakeUp() {
        StreamFetcher s = stream;
        if (s != null) {
            s.wakeUp();
        }
    }

    @Override
    public void close() {
        // The chunk fetcher belongs to the NeonSourceReader: a later split fetcher reuses it.
        if (stream != null) {
            stream.close();
        }
    }

    /** A batch of records of one split, optionally finishing it. */
    static final class SingleSplitRecords implements RecordsWithSplitIds<CdcRecord> {
        private final String splitId;
        private final List<CdcRecord> records;
        private final boolean finishes;
        private boolean splitReturned;
        private int next;

        SingleSplitRecords(String splitId, List<CdcRecord> records, boolean finishes) {
            this.splitId = splitId;
            this.records = records;
            this.finishes = finishes;
        }

        @Override
        public String nextSplit() {
            if (splitReturned || (records.isEmpty() && !finishes)) {
                return null;
            }
            splitReturned = true;
            return splitId;
        }

        @Override
        public CdcRecord nextRecordFromSplit() {
            return next < records.size() ? records.get(next++) : null;
        }

        @Override
        public Set<String> finishedSplits() {
            return finishes ? Set.of(splitId) : Collections.emptySet();
        }
    }
}
