package io.neoncdc.postgres.reader.stream;

import io.neoncdc.postgres.pgoutput.Lsn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fetcher's side of the exactly-once position: what it has produced, and which events of a
 * partly emitted transaction it must skip after a restore or a reconnect.
 */
final class StreamPosition {
    private static final Logger LOG = LoggerFactory.getLogger(StreamPosition.class);

    private long lastCommitEndLsn;
    private long skipTxnFinalLsn;
    private long skipEvents;

    private boolean inTxn;
    private long txnFinalLsn;
    private long txnEventsProduced;
    private long toSkip;

    StreamPosition(long lastCommitEndLsn, long skipTxnFinalLsn, long skipEvents) {
        this.lastCommitEndLsn = lastCommitEndLsn;
        this.skipTxnFinalLsn = skipEvents > 0 ? skipTxnFinalLsn : 0;
        this.skipEvents = skipEvents;
    }

    /** Where replication (re)starts: the end of the last transaction produced completely. */
    long restartLsn() {
        return lastCommitEndLsn;
    }

    boolean inTransaction() {
        return inTxn;
    }

    long txnFinalLsn() {
        return txnFinalLsn;
    }

    void begin(long finalLsn) {
        inTxn = true;
        txnFinalLsn = finalLsn;
        txnEventsProduced = 0;
        toSkip = 0;
        if (skipEvents > 0) {
            // The first transaction after a restart: if it is the partly emitted one, its first
            // events were already emitted before the restart and must not be emitted again.
            if (finalLsn == skipTxnFinalLsn) {
                toSkip = skipEvents;
                LOG.info(
                        "Resuming inside the transaction ending at {}: skipping its first {}"
                                + " events, already emitted",
                        Lsn.format(finalLsn),
                        skipEvents);
            } else {
                LOG.warn(
                        "Expected to resume inside the transaction ending at {} but the stream"
                                + " continued with {}",
                        Lsn.format(skipTxnFinalLsn),
                        Lsn.format(finalLsn));
            }
            skipEvents = 0;
            skipTxnFinalLsn = 0;
        }
    }

    /** Counts one change event of the current transaction; false if it must be skipped. */
    boolean produce() {
        txnEventsProduced++;
        if (toSkip > 0) {
            toSkip--;
            return false;
        }
        return true;
    }

    void commit(long endLsn) {
        inTxn = false;
        lastCommitEndLsn = Math.max(lastCommitEndLsn, endLsn);
        txnEventsProduced = 0;
        toSkip = 0;
    }

    /** Moves past WAL with nothing to emit (only between transactions). */
    void advance(long lsn) {
        if (!inTxn) {
            lastCommitEndLsn = Math.max(lastCommitEndLsn, lsn);
        }
    }

    /**
     * The connection broke: replication restarts at the last completed transaction, and the events
     * of the interrupted one that were already produced will be skipped.
     */
    void connectionLost() {
        // Produced events plus those still to skip: all of them were emitted or are queued.
        long done = txnEventsProduced + toSkip;
        if (inTxn && done > 0) {
            skipTxnFinalLsn = txnFinalLsn;
            skipEvents = done;
        }
        inTxn = false;
        txnEventsProduced = 0;
        toSkip = 0;
    }
}
