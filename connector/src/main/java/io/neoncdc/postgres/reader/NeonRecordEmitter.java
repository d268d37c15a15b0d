package io.neoncdc.postgres.reader;

import io.neoncdc.postgres.event.ChangeEventDeserializer;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.util.Collector;

/**
 * Emits changes through the deserializer and moves the split state with every record, on the task's
 * main thread: the state a checkpoint captures always matches what went downstream.
 *
 * <p>Stream changes carry their commit time as the record timestamp, which also feeds Flink's
 * {@code currentEmitEventTimeLag} source metric; snapshot rows have no event time.
 */
final class NeonRecordEmitter<T> implements RecordEmitter<CdcRecord, T, NeonSplitState> {
    private static final long NO_TIMESTAMP = Long.MIN_VALUE;
    private final ChangeEventDeserializer<T> deserializer;
    private final OutputCollector<T> collector = new OutputCollector<>();

    NeonRecordEmitter(ChangeEventDeserializer<T> deserializer) {
        this.deserializer = deserializer;
    }

    @Override
    public void emitRecord(CdcRecord record, SourceOutput<T> output, NeonSplitState state)
            throws Exception {
        switch (record.kind()) {
            case CHANGE:
                collector.output = output;
                collector.timestamp =
                        record.event().isSnapshot()
                                ? NO_TIMESTAMP
                                : Math.floorDiv(record.event().commitTimeMicros(), 1000L);
                deserializer.deserialize(record.event(), collector);
                if (state instanceof StreamSplitState) {
                    if (record.event().isSnapshot()) {
                        state.asStream().chunkRowEmitted();
                    } else {
                        state.asStream().eventEmitted(record.lsn());
                    }
                } else {
                    state.asSnapshot().rowEmitted();
                }
                break;
            case COMMIT:
                state.asStream().committed(record.lsn());
                break;
            case ADVANCE:
                state.asStream().advanced(record.lsn());
                break;
            case SLOT_LOST:
                state.asStream().slotLost();
                break;
            case CHUNK_READ:
                if (state instanceof StreamSplitState) {
                    state.asStream().chunkRead(record.chunk());
                } else {
                    state.asSnapshot().chunkRead(record.chunk());
                }
                break;
            case CHUNKS_PLANNED:
                state.asStream().chunksPlanned(record.plannedChunks());
                break;
            case CHUNK_DONE:
                state.asStream().chunkDone(record.doneChunk());
                break;
            case RESYNC:
                state.asStream().resync(record.resyncChunks());
                break;
            case RESYNC_READ:
                state.asStream().resyncRead(record.chunk());
                break;
            case KNOWN_TABLES:
                state.asStream().knownTables(record.knownTables());
                break;
            default:
                throw new IllegalStateException("Unknown record kind " + record.kind());
        }
    }

    private static final class OutputCollector<T> implements Collector<T> {
        SourceOutput<T> output;
        long timestamp = NO_TIMESTAMP;

        @Override
        public void collect(T record) {
            if (timestamp == NO_TIMESTAMP) {
                output.collect(record);
            } else {
                output.collect(record, timestamp);
            }
        }

        @Override
        public void close() {}
    }
}
