package io.neoncdc.postgres.reader.stream;

import io.neoncdc.postgres.config.TruncateAction;
import io.neoncdc.postgres.pgoutput.Lsn;
import io.neoncdc.postgres.pgoutput.TruncateMessage;
import io.neoncdc.postgres.snapshot.StreamFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a TRUNCATE of a captured table does: stop the source saying why, or log and skip it. */
final class Truncates {
    private static final Logger LOG = LoggerFactory.getLogger(Truncates.class);

    private Truncates() {}

    /**
     * Handles a TRUNCATE of transaction {@code xid}; {@code filter} tells whether the table's
     * chunks were read after it, {@code slot} is the slot a fresh start would reuse.
     */
    static void handle(
            TruncateMessage m,
            RelationRegistry relations,
            StreamFilter filter,
            TruncateAction action,
            String slot,
            long txnFinalLsn,
            long xid) {
        for (int relationId : m.relationIds()) {
            TupleConverter c = relations.converter(relationId);
            if (c == null) {
                continue;
            }
            String lsn = Lsn.format(txnFinalLsn);
            if (filter.inEveryChunk(c.table(), txnFinalLsn, xid)) {
                // Every chunk of the table was read after the TRUNCATE: its rows are not
                // downstream, so there is nothing to remove (review §6). Replayed on every fresh
                // start from a slot created before the snapshot, it must not fail the job.
                LOG.info(
                        "TRUNCATE of captured table {} at LSN {} precedes its snapshot: nothing to"
                                + " do",
                        c.table().info().id(),
                        lsn);
                continue;
            }
            if (action == TruncateAction.SKIP) {
                LOG.warn(
                        "TRUNCATE of captured table {} at LSN {} skipped ('truncate.action' ="
                                + " 'skip'): rows emitted before it stay downstream",
                        c.table().info().id(),
                        lsn);
                continue;
            }
            // A start without state reuses an existing slot at its confirmed position, which is
            // before this TRUNCATE: only a new slot gives a new snapshot past it.
            throw new IllegalStateException(
                    "TRUNCATE of captured table "
                            + c.table().info().id()
                            + " at LSN "
                            + lsn
                            + ": the WAL does not name the removed rows, so they cannot be"
                            + " emitted as deletes and would silently stay downstream; the"
                            + " source stops instead ('truncate.action' = 'fail'). Set"
                            + " 'truncate.action' = 'skip' to ignore truncates, or take a new"
                            + " snapshot: stop the job, drop its slot (SELECT"
                            + " pg_drop_replication_slot('"
                            + slot.replace("'", "''")
                            + "');) and start the job without state. A start without state"
                            + " alone reuses the slot at its old position and meets this"
                            + " TRUNCATE again.");
        }
    }
}
