package io.neoncdc.postgres.split;

import java.io.Serializable;
import java.util.Arrays;
import org.apache.flink.annotation.Internal;

/**
 * A transaction snapshot {@code (xmin, xmax, xip[])} with 64-bit (epoch-extended) xids, as {@code
 * pg_current_snapshot()} / {@code txid_current_snapshot()} print it: {@code xmin:xmax:xip,…}.
 */
@Internal
public final class VisibilitySnapshot implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long xmin;
    private final long xmax;
    private final long[] xip;

    public VisibilitySnapshot(long xmin, long xmax, long[] xip) {
        this.xmin = xmin;
        this.xmax = xmax;
        this.xip = xip.clone();
        Arrays.sort(this.xip);
    }

    /** Parses the text form {@code 100:105:101,103}. */
    public static VisibilitySnapshot parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("Not a snapshot: '" + text + "'");
        }
        long[] xip =
                parts[2].isEmpty()
                        ? new long[0]
                        : Arrays.stream(parts[2].split(",")).mapToLong(Long::parseLong).toArray();
        return new VisibilitySnapshot(Long.parseLong(parts[0]), Long.parseLong(parts[1]), xip);
    }

    public long xmin() {
        return xmin;
    }

    public long xmax() {
        return xmax;
    }

    public long[] xip() {
        return xip.clone();
    }

    /**
     * Extends a 32-bit xid (as pgoutput's Begin carries it) to the 64-bit xid nearest to this
     * snapshot's xmax: a transaction the stream delivers is within 2^31 of any recent snapshot.
     */
    public long extend(long xid32) {
        long epochBase = xmax & ~0xFFFFFFFFL;
        long candidate = epochBase | (xid32 & 0xFFFFFFFFL);
        long distance = candidate - xmax;
        if (distance > (1L << 31)) {
            candidate -= 1L << 32;
        } else if (distance < -(1L << 31)) {
            candidate += 1L << 32;
        }
        return candidate;
    }

    /**
     * Whether the transaction with this 64-bit xid had committed when the snapshot was taken, for a
     * transaction known to have committed at some point (the stream only delivers commits): below
     * xmin it is done, at or above xmax it started later, in between it is visible unless it was
     * still running (listed in xip).
     */
    public boolean sees(long xid64) {
        if (xid64 < xmin) {
            return true;
        }
        if (xid64 >= xmax) {
            return false;
        }
        return Arrays.binarySearch(xip, xid64) < 0;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof VisibilitySnapshot)) {
            return false;
        }
        VisibilitySnapshot s = (VisibilitySnapshot) o;
        return xmin == s.xmin && xmax == s.xmax && Arrays.equals(xip, s.xip);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(xmin) * 31 + Long.hashCode(xmax);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder().append(xmin).append(':').append(xmax).append(':');
        for (int i = 0; i < xip.length; i++) {
            sb.append(i == 0 ? "" : ",").append(xip[i]);
        }
        return sb.toString();
    }
}
