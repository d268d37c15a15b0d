package io.neoncdc.postgres.enumerator;

import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.config.CheckpointMode;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import io.neoncdc.postgres.config.StartupMode;
import io.neoncdc.postgres.connection.PgConnector;
import io.neoncdc.postgres.setup.SourceSetup;
import io.neoncdc.postgres.slot.SlotDropper;
import io.neoncdc.postgres.split.ChunksAckEvent;
import io.neoncdc.postgres.split.ChunksFinishedEvent;
import io.neoncdc.postgres.split.FinishedChunk;
import io.neoncdc.postgres.split.NeonSplit;
import io.neoncdc.postgres.split.SlotLostEvent;
import io.neoncdc.postgres.split.SnapshotSplit;
import io.neoncdc.postgres.split.StreamGateEvent;
import io.neoncdc.postgres.split.StreamRevokeEvent;
import io.neoncdc.postgres.split.StreamSplit;
import java.util.ArrayList;
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

    /** Subtasks of a bounded job told there is no more work: they finish (see ackIfRegistered). */
    private final Set<Integer> finishing = new LinkedHashSet<>();

    private boolean initialized;
    private long streamStartLsn;
    private final SnapshotChunks chunks;
    private boolean streamAssigned;
    private final StreamGate gate;
    private StreamSplit returnedStream;
    private final KeylessTables keyless;
    private final TableRereads rereads;
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
        this.streamAssigned = state.streamAssigned();
        this.gate = new StreamGate(state.streamGateCheckpoint());
        this.returnedStream = state.returnedStream();
        // Restored plans hold no exported snapshot: it died with the previous enumerator, and a
        // chunk that needs it is reported as lost and its table read again (KeylessTables).
        this.keyless = new KeylessTables(state.keylessPlans());
        this.progress = new SnapshotProgress(context.metricGroup());
        this.chunks = new SnapshotChunks(state, progress);
        this.rereads =
                new TableRereads(
                        config,
                        context,
                        keyless,
                        chunks,
                        () -> {
                            if (gate.rearm()) {
                                revokeHeldStream(-1);
                            }
                            assignWaiting();
                        });
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
                    chunks.planned(keyless.planned(result.chunks, result.exported));
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
        chunks.clear();
        streamAssigned = false;
        gate.reset();
        returnedStream = null;
        keyless.clearExports();
        runSetup(true);
    }

    @Override
    public void handleSplitRequest(int subtask, String hostname) {
        finishing.remove(subtask); // a reader asking again (after a restart) is not finishing
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
        List<FinishedChunk> stale = chunks.retract(subtask);
        if (!stale.isEmpty()) {
            LOG.info(
                    "Subtask {} restarts from a checkpoint taken before it emitted {} chunk(s)"
                            + " it reported ({}): they count again once it reports them anew",
                    subtask,
                    stale.size(),
                    stale.stream().map(FinishedChunk::splitId).collect(Collectors.joining(", ")));
            if (gate.rearm()) {
                // A gate checkpoint taken before now does not prove the re-emitted rows are
                // downstream, and a held split's filter may have a stale snapshot.
                revokeHeldStream(subtask);
            }
        }
        for (NeonSplit split : splits) {
            if (split.isStream()) {
                // Returned means no checkpoint completed since it was assigned. Behind a closed
                // gate the reader never started it and its chunk list may predate a chunk read
                // again: the next owner gets one built from the current reports.
                returnedStream = gate.isOpen() ? split.asStream() : null;
                streamAssigned = false;
            } else {
                SnapshotSplit chunk = split.asSnapshot();
                if (keyless.stale(chunk)) {
                    continue; // of an earlier read of its table: the current read replaces it
                }
                // A region failover keeps this enumerator's state, and the failed reader may have
                // reported the chunk before failing. That read's rows are rolled back and the chunk
                // is read again under a new snapshot: the old report must not count as finished
                // (nor go into the stream split's filter), and a gate checkpoint taken before now
                // does not prove the new read's rows are downstream.
                chunks.returned(chunk);
                if (gate.rearm()) {
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
            KeylessTables.Report kind = keyless.classify(chunk);
            if (kind != KeylessTables.Report.CURRENT) {
                // Never counted, so acknowledged at once: nothing to send again after a restore.
                repeated.add(chunk.splitId());
                rereads.reported(kind, chunk);
                continue;
            }
            // A re-sent report (after a restore) replaces an unsettled earlier one: the latest
            // read of a chunk is the one whose rows go downstream.
            if (chunks.report(subtask, chunk) == ChunkReports.Outcome.REPEATED) {
                repeated.add(chunk.splitId());
            }
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
     * Chunks read under one snapshot (keyless tables, tables chunked outside their identity) import
     * their table's exported snapshot, so it is kept until every chunk of the table's current read
     * is reported and the report settled: until then a restored reader may have to read one again
     * (issue 13 item 4).
     */
    private boolean keylessTableSettled(TableId table) {
        KeylessPlan plan = keyless.plan(table);
        return plan != null && chunks.tableSettled(table, plan.chunks());
    }

    private boolean allChunksFinished() {
        return initialized && chunks.allFinished();
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
            if (chunks.hasRemaining()) {
                if (oneSubtask() && subtask != 0) {
                    noWorkFor(subtask);
                    continue;
                }
                waiting.remove(subtask);
                context.assignSplit(chunks.poll(), subtask);
            } else if (oneSubtask() && subtask != 0) {
                noWorkFor(subtask);
            } else if (!streamAssigned && allChunksFinished()) {
                waiting.remove(subtask);
                if (gate.holds(chunks.total(), context.currentParallelism(), oneSubtask())) {
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
        finishing.add(subtask);
        context.signalNoMoreSplits(subtask);
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
        return StreamSplits.first(config, streamStartLsn, chunks.reportedChunks());
    }

    private void warnIfGateWaits() {
        if (allChunksFinished()
                && gate.holds(chunks.total(), context.currentParallelism(), oneSubtask())) {
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
        chunks.snapshotTaken(checkpointId);
        gate.snapshotTaken(checkpointId, allChunksFinished() && chunks.total() > 0);
        return new NeonEnumeratorState(
                initialized,
                streamStartLsn,
                chunks.total(),
                chunks.remaining(),
                chunks.reports(),
                streamAssigned,
                gate.checkpoint(),
                returnedStream,
                keyless.plans());
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        settle(checkpointId);
        gate.completed(checkpointId);
    }

    private void settle(long completedCheckpoint) {
        chunks.settle(completedCheckpoint).forEach(this::ackIfRegistered);
        keyless.releaseDone(this::keylessTableSettled);
    }

    private void ackIfRegistered(int subtask, List<String> ids) {
        // A finishing reader is not acknowledged: an event that reaches its task after it ended
        // fails the job (TaskNotRunningException). Not acknowledged, its reports stay in its
        // state, and a restore of that state re-sends them, which this enumerator acknowledges
        // at once: nothing is read twice or lost.
        if (context.registeredReaders().containsKey(subtask) && !finishing.contains(subtask)) {
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
        keyless.close();
    }

    @Override
    public String toString() {
        return "NeonSourceEnumerator waiting="
                + waiting.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
