package io.neoncdc.postgres.table;

import io.neoncdc.postgres.event.ChangeEvent;
import io.neoncdc.postgres.event.Op;
import io.neoncdc.postgres.pgoutput.Lsn;

/**
 * The failure of a change whose old row the WAL did not carry whole where the output needs it: the
 * table's REPLICA IDENTITY stopped being FULL while the job ran (DESIGN §6: exact or loud, never
 * -U/-D with NULL columns).
 */
final class OldRowMissing {
    private OldRowMissing() {}

    /** Whether an update or delete lacks the whole old row. */
    static boolean lacksOldRow(ChangeEvent event) {
        return (event.op() == Op.UPDATE || event.op() == Op.DELETE) && !event.hasWholeBefore();
    }

    /**
     * @param why why no old row is at hand in this job (no state for the table in its plan)
     */
    static IllegalStateException failure(ChangeEvent event, String why) {
        String table = event.tableId().quoted();
        return new IllegalStateException(
                "Table "
                        + event.tableId()
                        + " at LSN "
                        + Lsn.format(event.lsn())
                        + " (transaction "
                        + event.xid()
                        + ", commit LSN "
                        + Lsn.format(event.commitLsn())
                        + "): "
                        + (event.op() == Op.DELETE ? "a DELETE" : "an UPDATE")
                        + (event.before() == null
                                ? " arrived without its old row"
                                : " arrived with only the key of its old row")
                        + ", so its REPLICA IDENTITY is no longer FULL (ALTER TABLE … REPLICA"
                        + " IDENTITY DEFAULT while the job ran, or a partition created or attached"
                        + " with the default identity), and "
                        + why
                        + ". Emitting -U/-D with NULL columns would be wrong, so the job stops."
                        + " The WAL keeps this record as it is, so restarting from a checkpoint"
                        + " meets it again. Fix: restart the SQL job without state (a new"
                        + " snapshot): its plan then keeps each key's last row in Flink state and"
                        + " needs no FULL identity. Or, to keep needing no state, run ALTER TABLE "
                        + table
                        + " REPLICA IDENTITY FULL (and on every partition) before restarting"
                        + " without state.");
    }
}
