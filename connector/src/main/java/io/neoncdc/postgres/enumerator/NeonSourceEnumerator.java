package io.neoncdc.postgres.enumerator;

import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.config.CheckpointMode;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import io.neoncdc.postgres.config.StartupMode;
import io.neoncdc.postgres.connection.PgConnector;
import io.neoncdc.postgres.snapshot.FinishedChunk;
import io.neoncdc.postgres.split.ChunksAckEvent;
import io.neoncdc.postgres.split.ChunksFinishedEvent;
import io.neoncdc.postgres.split.NeonSplit;
import io.neoncdc.postgres.split.SlotLostEvent;
import io.neoncdc.postgres.split.SnapshotSplit;
import io.neoncdc.postgres.split.StreamGateEvent;
import io.neoncdc.postgres.split.StreamRevokeEvent;
import io.neoncdc.postgres.split.StreamSplit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assigns chunk splits on request, collects the finished chunks' snapshots, and assigns the one
 * stream split once every chunk is downstream. All methods run on the coordinator thread; I/O runs
 * through {@code context.callAsync}.
 */
public final class NeonSourceEnumerator implements SplitEnumerator<NeonSplit, NeonEnumeratorState> {
    private static final Logger LOG = LoggerFactory.getLogger(NeonSourceEnumerator.class);

    private final SplitEnumeratorContext<NeonSplit> context;
    private final NeonPostgresSourceConfig config;
    private final SnapshotProgress progress;
    private final Set<Integer> waiting = new LinkedHashSet<>();

    private boolean initialized;
    private long streamStartLsn;
    private int totalChunks;
    private final ArrayDeque<SnapshotSplit> remaining = new ArrayDeque<>();
    private final ChunkReports finished;
    private boolean streamAssigned;
    private long streamGateCheckpoint;
    private boolean streamGateOpen;
    private StreamSplit returnedStream;
    private ExportedSnapshot exported;
    private int streamOwner = -1;
    private boolean boundedDone;

    public NeonSourceEnumerator(
            SplitEnumeratorContext<NeonSplit> context,
            NeonPostgresSourceConfig config,
            NeonEnumeratorState state) {
        this.context = context;
        this.config = config;
        this.initialized = state.initialized();
        this.streamStartLsn = state.streamStartLsn();
        this.totalChunks = state.totalChunks();
        this.remaining.addAll(state.remaining());
        this.finished = new ChunkReports(state.finished());
        this.streamAssigned = state.streamAssigned();
        this.streamGateCheckpoint = state.streamGateCheckpoint();
        this.returnedStream = state.returnedStream();
        // A restored gate checkpoint has completed: it is part of the checkpoint restored from.
        this.streamGateOpen = streamGateCheckpoint >= 0;
        this.progress = new SnapshotProgress(context.metricGroup());
        progress.restored(totalChunks, finished.all().values());
    }

    @Override
    public void start() {
        if (oneSubtask() && config.startupMode() == StartupMode.INITIAL) {
            LOG.info(
                    "Checkpointing is {}: subtask 0 reads every chunk and then streams, so no"
                            + " stream event can overtake a snapshot row of its key",
                    config.checkpointMode());
        }
        context.callAsync(() -> null, (ignored, error) -> warnIfGateWaits(), 60_000L, 60_000L);
        if (initialized) {
            return;
        }
        runSetup(false);
    }

    /** Runs the setup off the coordinator thread; on a resnapshot also replaces a lost slot. */
    private void runSetup(boolean resnapshot) {
        PgConnector connector =
                new PgConnector(config.connection(), "neon-postgres-cdc enumerator");
        context.callAsync(
                () -> new SourceSetup(config, connector, resnapshot).run(),
                (result, error) -> {
                    if (error != null) {
                        throw StartupFailure.of(error);
                    }
                    initialized = true;
                    streamStartLsn = result.streamStartLsn;
                    totalChunks = result.chunks.size();
                    remaining.addAll(result.chunks);
                    exported = result.exported;
                    progress.planned(result.chunks);
                    assignWaiting();
                });
    }

    /**
     * The slot lost changes the stream needed (slot.lost-action = resnapshot): forget the old
     * snapshot, make sure a usable slot exists, plan and read every captured table again.
     */
    private void resnapshot() {
        LOG.warn("Re-snapshotting the captured tables after the slot lost changes");
        initialized = false;
        remaining.clear();
        finished.clear();
        totalChunks = 0;
        streamAssigned = false;
        streamGateCheckpoint = -1;
        streamGateOpen = false;
        returnedStream = null;
        runSetup(true);
    }

    @Override
    public void handleSplitRequest(int subtask, String hostname) {
        if (streamAssigned && subtask == streamOwner && !config.startupMode().streams()) {
            // The owner of the bounded stream asks again: its stream reached the stop position.
            boundedDone = true;
        }
        waiting.add(subtask);
        assignWaiting();
    }

    @Override
    public void addSplitsBack(List<NeonSplit> splits, int subtask) {
        // Flink calls this on every reset of a subtask, also with no split returned: the reader
        // is restored to the last completed checkpoint, so what it reported since is read or
        // emitted again and must not count (issue 13 items 0 and 2, see ChunkReports).
        List<FinishedChunk> stale = finished.retract(subtask);
        for (FinishedChunk chunk : stale) {
            progress.retracted(chunk);
        }
        if (!stale.isEmpty()) {
            LOG.info(
                    "Subtask {} restarts from a checkpoint taken before it emitted {} chunk(s)"
                            + " it reported ({}): they count again once it reports them anew",
                    subtask,
                    stale.size(),
                    stale.stream().map(FinishedChunk::splitId).collect(Collectors.joining(", ")));
            if (!streamGateOpen) {
                // A gate checkpoint taken before now does not prove the re-emitted rows are
                // downstream, and a held split's filter may have a stale snapshot.
                streamGateCheckpoint = -1;
                revokeHeldStream(subtask);
            }
        }
        for (NeonSplit split : splits) {
            if (split.isStream()) {
                // Returned means no checkpoint completed since it was assigned. Behind a closed
                // gate the reader never started it and its chunk list may predate a chunk read
                // again: the next owner gets one built from the current reports.
                returnedStream = streamGateOpen ? split.asStream() : null;
                streamAssigned = false;
            } else {
                SnapshotSplit chunk = split.asSnapshot();
                remaining.addFirst(chunk);
                // A region failover keeps this enumerator's state, and the failed reader may have
                // reported the chunk before failing. That read's rows are rolled back and the chunk
                // is read again under a new snapshot: the old report must not count as finished
                // (nor go into the stream split's filter), and a gate checkpoint taken before now
                // does not prove the new read's rows are downstream.
                FinishedChunk reported = finished.remove(chunk.splitId());
                if (reported != null) {
                    progress.retracted(reported);
                }
                if (!streamGateOpen) {
                    streamGateCheckpoint = -1;
                    revokeHeldStream(subtask);
                }
            }
        }
        LOG.info(
                "Subtask {} failed; {} split(s) returned for reassignment", subtask, splits.size());
    }

    /**
     * A chunk is read again while another reader holds the stream split behind its gate: that
     * split's filter has the old read's snapshot, so the holder drops it and asks again.
     */
    private void revokeHeldStream(int failedSubtask) {
        if (!streamAssigned
                || streamOwner == failedSubtask
                || !context.registeredReaders().containsKey(streamOwner)) {
            // Not held elsewhere, or the owner failed too: its own reset returns the split.
            return;
        }
        LOG.info("Chunk read again: subtask {} gives the stream split back", streamOwner);
        // Sent on the owner's gateway: no checkpoint of it taken after this holds the split,
        // and every enumerator checkpoint taken after this has it unassigned.
        context.sendEventToSourceReader(streamOwner, new StreamRevokeEvent());
        streamAssigned = false;
        waiting.add(streamOwner);
        streamOwner = -1;
    }

    @Override
    public void addReader(int subtask) {
        // Readers ask for splits themselves.
    }

    @Override
    public void handleSourceEvent(int subtask, SourceEvent event) {
        if (event instanceof SlotLostEvent) {
            resnapshot();
            return;
        }
        if (!(event instanceof ChunksFinishedEvent)) {
            return;
        }
        List<String> repeated = new ArrayList<>();
        for (FinishedChunk chunk : ((ChunksFinishedEvent) event).chunks()) {
            FinishedChunk earlier = finished.all().get(chunk.splitId());
            // A re-sent report (after a restore) replaces an unsettled earlier one: the latest
            // read of a chunk is the one whose rows go downstream.
            ChunkReports.Outcome outcome = finished.report(subtask, chunk);
            if (outcome == ChunkReports.Outcome.REPEATED) {
                repeated.add(chunk.splitId());
                continue;
            }
            if (earlier != null) {
                progress.retracted(earlier); // count the chunk once, by its latest report
            }
            progress.finished(chunk);
        }
        // Acknowledged (the reader then forgets the chunk) only once a checkpoint settles the
        // report: until then the reader's checkpoints keep it, so a report retracted on a reset
        // that the restored checkpoint did settle is sent again.
        if (!repeated.isEmpty()) {
            context.sendEventToSourceReader(subtask, new ChunksAckEvent(repeated));
        }
        if (config.checkpointMode() == CheckpointMode.DISABLED) {
            // No checkpoint to restore to: a failed reader gets all its chunks back unread.
            settle(Long.MAX_VALUE);
        }
        if (allChunksFinished()) {
            progress.done();
        }
        assignWaiting();
    }

    /**
     * Keyless chunks import the exported snapshot, so it is kept until every such chunk's report is
     * settled: until then a restored reader may have to read one again (issue 13 item 4).
     */
    private void releaseExportedSnapshotWhenRead() {
        if (exported != null
                && remaining.stream().noneMatch(s -> s.exportedSnapshot() != null)
                && allChunksFinished()
                // Every chunk that imported it (page ranges, tables chunked outside their
                // identity) must be settled: any unsettled report may be of one of them.
                && !finished.anyUnsettled(c -> true)) {
            exported.close();
            exported = null;
        }
    }

    private boolean allChunksFinished() {
        return initialized && remaining.isEmpty() && finished.size() >= totalChunks;
    }

    private void assignWaiting() {
        if (!initialized) {
            return;
        }
        for (Integer subtask : new ArrayList<>(waiting)) {
            if (!context.registeredReaders().containsKey(subtask)) {
                waiting.remove(subtask);
                continue;
            }
            if (!remaining.isEmpty()) {
                if (oneSubtask() && subtask != 0) {
                    noWorkFor(subtask);
                    continue;
                }
                waiting.remove(subtask);
                context.assignSplit(remaining.poll(), subtask);
            } else if (oneSubtask() && subtask != 0) {
                noWorkFor(subtask);
            } else if (!streamAssigned && allChunksFinished()) {
                waiting.remove(subtask);
                if (streamGated()) {
                    // Sent before the split on the same gateway, so it arrives first.
                    context.sendEventToSourceReader(subtask, new StreamGateEvent());
                }
                context.assignSplit(streamSplit(), subtask);
                streamAssigned = true;
                streamOwner = subtask;
                returnedStream = null;
            } else if (streamAssigned) {
                noWorkFor(subtask);
            }
        }
    }

    /**
     * A reader with nothing to do. A bounded job tells it so and it finishes; an unbounded job
     * keeps it waiting instead: a finished subtask stops operators chained to it from checkpointing
     * union list state (e.g. file sinks), and a waiting reader can take over the stream split if
     * its owner fails.
     */
    private void noWorkFor(int subtask) {
        if (config.startupMode().streams()) {
            return;
        }
        waiting.remove(subtask);
        context.signalNoMoreSplits(subtask);
    }

    /**
     * Snapshot rows and stream events of the same key come from different subtasks. The stream
     * starts only once a checkpoint taken after the last chunk finished has completed: with aligned
     * checkpoints every snapshot row is then processed downstream, so no stream event can overtake
     * the row it changes. The reader holds the split until then ({@link StreamGateEvent}); one
     * subtask emits both in order by itself, and a gate restored from a checkpoint is open.
     */
    private boolean streamGated() {
        return totalChunks > 0
                && context.currentParallelism() > 1
                && !oneSubtask()
                && !streamGateOpen;
    }

    /**
     * Without aligned checkpoints no checkpoint can prove the snapshot rows are downstream, so
     * subtask 0 reads every chunk and then streams: one subtask keeps its own order.
     */
    private boolean oneSubtask() {
        return context.currentParallelism() > 1 && !config.checkpointMode().gatesOnCheckpoint();
    }

    private StreamSplit streamSplit() {
        if (returnedStream != null) {
            return returnedStream;
        }
        long stop = 0;
        if (!config.startupMode().streams()) {
            // Bounded: stream until every chunk snapshot's transactions have passed.
            stop =
                    finished.all().values().stream()
                            .mapToLong(FinishedChunk::walLsnAfterSnapshot)
                            .max()
                            .orElse(streamStartLsn);
        }
        // Tables snapshotted now; tables that join the capture later are read by the stream.
        Set<TableId> known = null;
        if (config.startupMode().snapshots()) {
            known = new HashSet<>();
            for (FinishedChunk c : finished.all().values()) {
                known.add(c.bounds().table());
            }
        }
        return new StreamSplit(
                streamStartLsn,
                0,
                0,
                new ArrayList<>(finished.all().values()),
                stop,
                List.of(),
                known);
    }

    private void warnIfGateWaits() {
        if (allChunksFinished() && streamGated()) {
            LOG.warn(
                    "The snapshot finished; the stream starts once a checkpoint completes (with"
                            + " parallelism {} that is what proves every snapshot row is"
                            + " downstream). If this job does not checkpoint, enable checkpointing"
                            + " or tell the source (checkpointMode(DISABLED)).",
                    context.currentParallelism());
        }
    }

    @Override
    public NeonEnumeratorState snapshotState(long checkpointId) {
        finished.snapshotTaken(checkpointId);
        if (allChunksFinished() && streamGateCheckpoint < 0 && totalChunks > 0) {
            streamGateCheckpoint = checkpointId;
        }
        return new NeonEnumeratorState(
                initialized,
                streamStartLsn,
                totalChunks,
                new ArrayList<>(remaining),
                finished.all(),
                streamAssigned,
                streamGateCheckpoint,
                returnedStream);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        settle(checkpointId);
        if (streamGateCheckpoint >= 0 && checkpointId >= streamGateCheckpoint && !streamGateOpen) {
            // Only recorded: the stream owner waits for this completion itself. Assigning here
            // could reach a task a stop-with-savepoint is finishing and fail the stopping job.
            streamGateOpen = true;
        }
    }

    private void settle(long completedCheckpoint) {
        finished.settle(completedCheckpoint).forEach(this::ackIfRegistered);
        releaseExportedSnapshotWhenRead();
    }

    private void ackIfRegistered(int subtask, List<String> ids) {
        if (context.registeredReaders().containsKey(subtask)) {
            context.sendEventToSourceReader(subtask, new ChunksAckEvent(ids));
        }
        // Else the reader is restarting: its restored state re-sends what is still unacknowledged.
    }

    @Override
    public void close() {
        progress.close();
        if (boundedDone && config.slotDropOnStop()) {
            SlotDropper.drop(config);
        }
        if (exported != null) {
            exported.close();
        }
    }

    @Override
    public String toString() {
        return "NeonSourceEnumerator waiting="
                + waiting.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
