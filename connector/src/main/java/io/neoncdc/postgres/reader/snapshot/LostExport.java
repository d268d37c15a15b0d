package io.neoncdc.postgres.reader.snapshot;

import io.neoncdc.postgres.split.FinishedChunk;
import io.neoncdc.postgres.split.VisibilitySnapshot;

/**
 * The report of a page-range chunk that could not be read because the snapshot exported for its
 * table is gone (the JobManager restarted, or the connection that held it was lost): it carries no
 * rows and this marker snapshot, and tells the enumerator to read the table again from its start.
 * xid 0 is never a real snapshot bound (normal xids start at 3).
 */
public final class LostExport {
    /** The marker snapshot of such a report. */
    public static final VisibilitySnapshot SNAPSHOT = new VisibilitySnapshot(0, 0, new long[0]);

    private LostExport() {}

    /** Whether this report is of a chunk whose exported snapshot was gone. */
    public static boolean is(FinishedChunk chunk) {
        VisibilitySnapshot s = chunk.snapshot();
        return s != null && s.xmin() == 0 && s.xmax() == 0;
    }
}
