package io.neoncdc.postgres.reader.stream;

import io.neoncdc.postgres.config.TruncateAction;
import io.neoncdc.postgres.pgoutput.Lsn;
import io.neoncdc.postgres.pgoutput.TruncateMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a TRUNCATE of a captured table does: stop the source saying why, or log and skip it. */
final class Truncates {
    private static final Logger LOG = LoggerFactory.getLogger(Truncates.class);

    private Truncates() {}

    static void handle(
            TruncateMessage m,
            RelationRegistry relations,
            TruncateAction action,
            long txnFinalLsn) {
        for (int relationId : m.relationIds()) {
            TupleConverter c = relations.converter(relationId);
            if (c == null) {
                continue;
            }
            String lsn = Lsn.format(txnFinalLsn);
            if (action == TruncateAction.SKIP) {
                LOG.warn(
                        "TRUNCATE of captured table {} at LSN {} skipped ('truncate.action' ="
                                + " 'skip'): rows emitted before it stay downstream",
                        c.table().info().id(),
                        lsn);
                continue;
            }
            throw new IllegalStateException(
                    "TRUNCATE of captured table "
                            + c.table().info().id()
                            + " at LSN "
                            + lsn
                            + ": the WAL does not name the removed rows, so they cannot be"
                            + " emitted as deletes and would silently stay downstream; the"
                            + " source stops instead ('truncate.action' = 'fail'). Set"
                            + " 'truncate.action' = 'skip' to ignore truncates, or re-snapshot"
                            + " the table (restart the job without state).");
        }
    }
}
