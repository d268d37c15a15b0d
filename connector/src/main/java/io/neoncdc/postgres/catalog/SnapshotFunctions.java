package io.neoncdc.postgres.catalog;

/**
 * The SQL functions that print a transaction snapshot: {@code pg_current_snapshot()} and its {@code
 * pg_snapshot_*} accessors on PostgreSQL 13+, the {@code txid_*} ones they replaced on 10–12. Both
 * print {@code xmin:xmax:xip,…} with epoch-extended 64-bit transaction ids.
 */
public final class SnapshotFunctions {
    private final boolean modern;

    private SnapshotFunctions(boolean modern) {
        this.modern = modern;
    }

    /** The functions of a server of the given {@code server_version_num}. */
    public static SnapshotFunctions of(int serverVersionNum) {
        return new SnapshotFunctions(serverVersionNum >= 130000);
    }

    /** The current snapshot, e.g. {@code pg_current_snapshot()}. */
    public String current() {
        return modern ? "pg_current_snapshot()" : "txid_current_snapshot()";
    }

    /**
     * The transactions the current snapshot lists as running although their commit record is
     * already written ({@code pg_xact_status} says committed): a synchronous commit waiting for its
     * standby. One row per transaction id, as text.
     */
    public String committedButRunning() {
        String xip = modern ? "pg_snapshot_xip" : "txid_snapshot_xip";
        String status = modern ? "pg_xact_status" : "txid_status";
        return "SELECT x::text FROM "
                + xip
                + "("
                + current()
                + ") AS x WHERE "
                + status
                + "(x) = 'committed'";
    }

    /** {@code xmin} or {@code xmax} of the current snapshot, as SQL. */
    public String currentBound(String bound) {
        if (!bound.equals("xmin") && !bound.equals("xmax")) {
            throw new IllegalArgumentException("Not a snapshot bound: " + bound);
        }
        return (modern ? "pg_snapshot_" : "txid_snapshot_") + bound + "(" + current() + ")";
    }
}
