package io.neoncdc.postgres.reader.stream;

import io.neoncdc.postgres.catalog.CaptureList;
import io.neoncdc.postgres.catalog.ServerVersion;
import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import io.neoncdc.postgres.connection.PgConnector;
import io.neoncdc.postgres.event.ChangeEvent;
import io.neoncdc.postgres.event.Op;
import io.neoncdc.postgres.metrics.SlotMonitor;
import io.neoncdc.postgres.pgoutput.BeginMessage;
import io.neoncdc.postgres.pgoutput.CommitMessage;
import io.neoncdc.postgres.pgoutput.DeleteMessage;
import io.neoncdc.postgres.pgoutput.InsertMessage;
import io.neoncdc.postgres.pgoutput.PgOutputMessage;
import io.neoncdc.postgres.pgoutput.RelationMessage;
import io.neoncdc.postgres.pgoutput.TruncateMessage;
import io.neoncdc.postgres.pgoutput.TupleData;
import io.neoncdc.postgres.pgoutput.UpdateMessage;
import io.neoncdc.postgres.reader.CdcRecord;
import io.neoncdc.postgres.reader.StreamControl;
import io.neoncdc.postgres.schema.CapturedTables;
import io.neoncdc.postgres.snapshot.SnapshotStreamFilter;
import io.neoncdc.postgres.snapshot.StreamFilter;
import io.neoncdc.postgres.split.StreamSplit;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.table.data.GenericRowData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the logical replication stream on the fetcher thread: decodes pgoutput, converts the
 * changes of captured tables, tracks the exactly-once position, confirms completed checkpoints'
 * LSNs, advances over idle WAL and reconnects after transient failures.
 */
public final class StreamFetcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamFetcher.class);
    private static final long IDLE_ADVANCE_NANOS = 1_000_000_000L;

    /**
     * A batch is handed to the emitter at the latest this long after its first record. Under a
     * steady stream the driver's non-blocking read waits up to 1 ms for the next message and so
     * rarely comes back empty: without this bound a batch would only end at {@code maxRecords}
     * (about 0.4 s of changes at 5 000/s), which was the commit-to-emit latency.
     */
    static final long MAX_BATCH_DELAY_NANOS = 5_000_000L;

    private final NeonPostgresSourceConfig config;
    private final PgConnector connector;
    private final StreamControl control;
    private final StreamPosition position;
    private final RelationRegistry relations;
    private final StreamFilter filter;
    private final JoiningTables joining;
    private final SignalTable signals;
    private final Resync resync;
    private final ReplicationSession session;
    private final Reconnects reconnects;
    private final long stopLsn;
    private boolean reachedStop;
    private boolean slotChecked;
    private final Heartbeat heartbeat;
    private final SlotMonitor slotMonitor;
    private final IdleDisconnect idle;

    private long txnXid;
    private long txnCommitTime;
    private long lastCommitLsn;
    private long confirmed;
    private long lastAdvanceNanos = System.nanoTime();
    private boolean textOnly;
    private int serverVersion;
    private Connection queryConnection;
    private volatile Thread fetcherThread;
    private final DeliveredTransactions delivered;

    public StreamFetcher(
            NeonPostgresSourceConfig config,
            PgConnector connector,
            StreamControl control,
            StreamSplit split,
            CaptureList captured,
            CapturedTables tables) {
        this.config = config;
        this.connector = connector;
        this.control = control;
        this.position =
                new StreamPosition(
                        split.lastCommitEndLsn(), split.txnFinalLsn(), split.txnEventsEmitted());
        this.relations = new RelationRegistry(captured, tables, this::queryConnection);
        this.delivered = new DeliveredTransactions(this::queryConnection);
        if (split.chunks().isEmpty() && split.knownTables() == null) {
            this.filter = StreamFilter.NONE;
            this.joining = null;
        } else {
            SnapshotStreamFilter snapshotFilter =
                    new SnapshotStreamFilter(split.chunks(), this::queryConnection);
            this.filter = snapshotFilter;
            // No known tables: the split predates discovery (a bounded read), nothing joins.
            this.joining =
                    split.knownTables() == null
                            ? null
                            : new JoiningTables(
                                    config,
                                    captured,
                                    tables,
                                    snapshotFilter,
                                    split,
                                    this::queryConnection,
                                    delivered);
        }
        this.signals = new SignalTable(config.signalTable());
        this.resync =
                new Resync(
                        config, captured, tables, split.resync(), this::queryConnection, delivered);
        this.session = new ReplicationSession(config, connector);
        this.reconnects = new Reconnects(config);
        this.stopLsn = split.stopLsn();
        this.heartbeat = new Heartbeat(config);
        this.slotMonitor =
                new SlotMonitor(config.slotName(), config.slotHealth(), control.metrics());
        this.idle =
                new IdleDisconnect(config.idleDisconnect(), control.metrics(), System::nanoTime);
    }

    /**
     * Returns the next batch: up to {@code maxRecords} records, waiting at most {@code
     * maxWaitMillis} for the first one. Fetcher thread only.
     */
    public List<CdcRecord> poll(int maxRecords, long maxWaitMillis) throws IOException {
        fetcherThread = Thread.currentThread();
        List<CdcRecord> out = new ArrayList<>();
        long deadline = System.nanoTime() + maxWaitMillis * 1_000_000L;
        long parkNanos = 100_000L;
        long batchStart = 0;
        while (out.size() < maxRecords && !reachedStop) {
            IdleDisconnect.Step idleStep = idle.beforeRead(control.checkpointsCompleted());
            if (idleStep == IdleDisconnect.Step.SUSPENDED) {
                idle.waitUntil(deadline); // connections closed: nothing to read until reconnect
                break;
            }
            if (idleStep == IdleDisconnect.Step.RECONNECT) {
                slotChecked = false; // the slot may have gone while nobody used it
            }
            ByteBuffer buffer;
            try {
                if (!slotChecked) {
                    slotChecked = true;
                    if (slotLost(out)) {
                        break;
                    }
                }
                if (!session.isOpen()) {
                    session.open(position.restartLsn(), binaryValues());
                }
                confirmIfAsked();
                slotMonitor.maybeCheck(this::queryConnection);
                if (!position.inTransaction()
                        && ((joining != null && joining.betweenTransactions(out))
                                || resync.betweenTransactions(position.restartLsn(), out))) {
                    break; // chunk rows of a joining table or a re-snapshot: hand them over
                }
                buffer = session.readPending();
            } catch (SQLException e) {
                reconnectAfter(e);
                continue;
            }
            if (buffer != null) {
                reconnects.succeeded();
                handle(session.decode(buffer), out);
                parkNanos = 100_000L;
                if (batchStart == 0) {
                    batchStart = out.isEmpty() ? 0 : System.nanoTime();
                } else if (System.nanoTime() - batchStart >= MAX_BATCH_DELAY_NANOS) {
                    break;
                }
                continue;
            }
            maybeAdvance(out);
            if (!position.inTransaction()) {
                heartbeat.maybeBeat(this::queryConnection);
            }
            if (idle.due(idleQuiet(out), confirmed, position.restartLsn())) {
                disconnectIdle();
                break;
            }
            if (stopLsn > 0 && !position.inTransaction() && session.lastReceivedLsn() >= stopLsn) {
                // Every transaction committing before the stop position was delivered.
                reachedStop = true;
                break;
            }
            if (!out.isEmpty() || System.nanoTime() >= deadline || Thread.interrupted()) {
                break;
            }
            LockSupport.parkNanos(parkNanos);
            parkNanos = Math.min(parkNanos * 2, 5_000_000L);
        }
        control.metrics().received(session.lastReceivedLsn());
        return out;
    }

    /**
     * Checks the slot before streaming (start, restore, new fetcher): if the changes after the
     * resume position are gone, fails without restarts, or (resnapshot) ends this stream split with
     * a SLOT_LOST record so the enumerator re-reads the tables.
     */
    private boolean slotLost(List<CdcRecord> out) throws SQLException, IOException {
        String problem = SlotCheck.problem(queryConnection(), config, position.restartLsn());
        if (problem == null) {
            return false;
        }
        if (config.slotLostAction() == io.neoncdc.postgres.config.SlotLostAction.FAIL) {
            throw new org.apache.flink.runtime.execution.SuppressRestartsException(
                    new IOException(problem));
        }
        LOG.warn("{} 'slot.lost-action' = 'resnapshot': re-reading the captured tables.", problem);
        out.add(CdcRecord.slotLost());
        reachedStop = true;
        return true;
    }

    /**
     * Between transactions with nothing but position advances emitted, nothing pending, unbounded:
     * idle mode may disconnect. Advances over other databases' WAL (or a server checkpoint's) are
     * not activity: counting them would keep a compute with any WAL traffic awake forever.
     */
    private boolean idleQuiet(List<CdcRecord> out) {
        return !position.inTransaction()
                && out.stream().allMatch(r -> r.kind() == CdcRecord.Kind.ADVANCE)
                && stopLsn == 0
                && (joining == null || !joining.pending())
                && !resync.pending();
    }

    /**
     * Idle mode: closes both connections between transactions once everything read is confirmed, so
     * the compute can suspend. Exactly-once holds as across any reconnect: the position stays, the
     * slot keeps everything after it, and the stream resumes there.
     */
    private void disconnectIdle() {
        idle.disconnect(
                IdleDisconnect.idleTimeoutSeconds(queryConnection()), position.restartLsn());
        session.close();
        position.connectionLost();
        closeQueryConnection();
    }

    /** Whether a bounded stream reached its stop position (nothing more will be returned). */
    public boolean reachedStop() {
        return reachedStop;
    }

    /** Wakes a fetcher thread that waits for data (called by the split reader's wakeUp). */
    public void wakeUp() {
        Thread t = fetcherThread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    private void confirmIfAsked() throws SQLException {
        long lsn = control.takeConfirm(confirmed);
        if (lsn > 0) {
            // Only LSNs of completed checkpoints arrive here (see NeonSourceReader): the server
            // may discard WAL before them because a restore never goes back further.
            session.confirm(lsn);
            confirmed = lsn;
            control.metrics().confirmed(lsn);
        }
    }

    private void maybeAdvance(List<CdcRecord> out) {
        if (position.inTransaction()) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastAdvanceNanos < IDLE_ADVANCE_NANOS) {
            return;
        }
        lastAdvanceNanos = now;
        // Nothing is in flight and every message received so far was handled, so all
        // transactions committing before the server's last reported WAL position were
        // delivered: the position can move there (layer-1 heartbeat).
        long received = session.lastReceivedLsn();
        if (received > position.restartLsn()) {
            position.advance(received);
            out.add(CdcRecord.advance(received));
        }
    }

    private void handle(PgOutputMessage message, List<CdcRecord> out) throws IOException {
        try {
            if (reachedStop) {
                return;
            }
            if (message instanceof BeginMessage) {
                BeginMessage m = (BeginMessage) message;
                if (stopLsn > 0 && m.finalLsn() >= stopLsn) {
                    // Committed after every chunk snapshot: not part of the bounded result.
                    reachedStop = true;
                    return;
                }
                position.begin(m.finalLsn());
                signals.begin();
                txnXid = m.xid();
                txnCommitTime = m.commitTimeMicros();
            } else if (message instanceof CommitMessage) {
                CommitMessage m = (CommitMessage) message;
                for (Signal signal : signals.commit()) {
                    resync.onSignal(signal, out);
                }
                delivered.committed(txnXid);
                position.commit(m.endLsn());
                lastCommitLsn = m.commitLsn();
                out.add(CdcRecord.commit(m.endLsn()));
            } else if (message instanceof RelationMessage) {
                RelationMessage m = (RelationMessage) message;
                TableId id = new TableId(m.namespace(), m.name());
                if (joining != null && joining.onRelation(id, relations.renames(m), out)) {
                    if (session.isBinary()) {
                        // Keys of filtered tables are compared in text form: re-read in text.
                        textOnly = true;
                        session.close();
                        position.connectionLost();
                        return;
                    }
                }
                signals.onRelation(m);
                relations.onRelation(m);
                TupleConverter c = relations.converter(m.relationId());
                if (session.isBinary() && c != null && !c.allBinary()) {
                    switchToText(c);
                }
            } else if (message instanceof InsertMessage) {
                InsertMessage m = (InsertMessage) message;
                signals.onInsert(m);
                TupleConverter c = relations.converter(m.relationId());
                if (c != null) {
                    GenericRowData after = c.convert(m.newTuple(), null, position.txnFinalLsn());
                    emit(c, Op.INSERT, null, after, null, m.newTuple(), true, out);
                }
            } else if (message instanceof UpdateMessage) {
                UpdateMessage m = (UpdateMessage) message;
                TupleConverter c = relations.converter(m.relationId());
                if (c != null) {
                    long lsn = position.txnFinalLsn();
                    GenericRowData before =
                            m.oldTuple() == null ? null : c.convert(m.oldTuple(), null, lsn);
                    // Only a whole old row (REPLICA IDENTITY FULL) has the unchanged TOASTed
                    // values; a key-only old tuple has NULL there.
                    boolean whole = c.wholeOld(m.oldKind(), m.oldTuple());
                    GenericRowData after = c.convert(m.newTuple(), whole ? before : null, lsn);
                    TupleData oldKey = m.oldTuple() == null ? m.newTuple() : m.oldTuple();
                    emit(c, Op.UPDATE, before, after, oldKey, m.newTuple(), whole, out);
                }
            } else if (message instanceof DeleteMessage) {
                DeleteMessage m = (DeleteMessage) message;
                TupleConverter c = relations.converter(m.relationId());
                if (c != null) {
                    GenericRowData before = c.convert(m.oldTuple(), null, position.txnFinalLsn());
                    boolean whole = c.wholeOld(m.oldKind(), m.oldTuple());
                    emit(c, Op.DELETE, before, null, m.oldTuple(), null, whole, out);
                }
            } else if (message instanceof TruncateMessage) {
                TruncateMessage m = (TruncateMessage) message;
                Truncates.handle(
                        m,
                        relations,
                        filter,
                        config.values().truncateAction(),
                        config.slotName(),
                        position.txnFinalLsn(),
                        txnXid);
                for (int relationId : m.relationIds()) {
                    TupleConverter c = relations.converter(relationId);
                    if (c != null) {
                        resync.onTruncate(c.table().info().id());
                    }
                }
            }
            // Origin, Type and logical Message carry nothing to emit.
        } catch (SQLException e) {
            throw new IOException("Reading catalog metadata for the stream failed", e);
        }
    }

    private void emit(
            TupleConverter c,
            Op op,
            GenericRowData before,
            GenericRowData after,
            TupleData oldTuple,
            TupleData newTuple,
            boolean wholeOld,
            List<CdcRecord> out) {
        idle.activity();
        long lsn = position.txnFinalLsn();
        // The message just decoded starts at the last received position: Debezium's event LSN.
        long eventLsn = session.lastReceivedLsn();
        StreamFilter.KeyText keys =
                new StreamFilter.KeyText() {
                    @Override
                    public String[] before(List<String> columns) {
                        return c.text(oldTuple, columns);
                    }

                    @Override
                    public String[] after(List<String> columns) {
                        return c.text(newTuple, columns);
                    }
                };
        resync.onChange(c.table().info().id(), before, after);
        List<ChangeEvent> events =
                filter.apply(c.table(), op, before, after, keys, lsn, txnCommitTime, txnXid);
        for (ChangeEvent event : events) {
            c.checkEmittable(lsn);
            if (position.produce()) {
                // Whether the old row is whole travels with the event: 'all' mode must not emit a
                // key-only old row as -U/-D (DESIGN §6).
                out.add(CdcRecord.change(event.at(eventLsn, lastCommitLsn, !wholeOld), lsn));
            }
        }
    }

    /**
     * Binary values while no snapshot filter is active (it compares keys in their text form) on
     * PostgreSQL 14+, unless a column of a captured table has no binary converter.
     */
    private boolean binaryValues() throws SQLException {
        if (!config.pgoutputBinary() || textOnly || filter.active()) {
            return false;
        }
        if (serverVersion == 0) {
            serverVersion = ServerVersion.of(queryConnection());
        }
        return serverVersion >= 140000;
    }

    /**
     * A relation message precedes the first change of its table in a session, so no value of this
     * table was read in binary yet: reconnecting in text mode from the restart position re-reads
     * exactly what follows, and the position skips the events already emitted.
     */
    private void switchToText(TupleConverter c) {
        LOG.info(
                "Table {} has a column without a binary converter: streaming in text mode",
                c.table().info().id());
        textOnly = true;
        session.close();
        position.connectionLost();
    }

    private void reconnectAfter(SQLException e) throws IOException {
        session.close();
        position.connectionLost();
        reconnects.failed(e, position.restartLsn());
    }

    private Connection queryConnection() {
        try {
            if (queryConnection == null || queryConnection.isClosed()) {
                queryConnection = connector.openQuery();
            }
            return queryConnection;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot open a catalog connection", e);
        }
    }

    @Override
    public void close() {
        session.close();
        closeQueryConnection();
    }

    private void closeQueryConnection() {
        if (queryConnection != null) {
            try {
                queryConnection.close();
            } catch (SQLException e) {
                LOG.debug("Closing the catalog connection failed", e);
            }
            queryConnection = null;
        }
    }
}
