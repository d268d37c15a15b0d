package io.neoncdc.postgres.split;

import io.neoncdc.postgres.catalog.TableId;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.annotation.Internal;

/**
 * The key range {@code [lower, upper)} of one chunk of a table, in PostgreSQL text form per key
 * column; a null bound is open. Keyless tables use the single pseudo column {@code ctid}.
 */
@Internal
public final class ChunkBounds implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The pseudo key of tables chunked by physical location. */
    public static final String CTID = "ctid";

    private final TableId table;
    private final List<String> keyColumns;
    private final String[] lower;
    private final String[] upper;

    public ChunkBounds(TableId table, List<String> keyColumns, String[] lower, String[] upper) {
        this.table = table;
        this.keyColumns = List.copyOf(keyColumns);
        this.lower = lower == null ? null : lower.clone();
        this.upper = upper == null ? null : upper.clone();
    }

    public TableId table() {
        return table;
    }

    public List<String> keyColumns() {
        return keyColumns;
    }

    /** Inclusive lower bound, or null when open. */
    public String[] lower() {
        return lower == null ? null : lower.clone();
    }

    /** Exclusive upper bound, or null when open. */
    public String[] upper() {
        return upper == null ? null : upper.clone();
    }

    public boolean isCtid() {
        return keyColumns.size() == 1 && CTID.equals(keyColumns.get(0));
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ChunkBounds)) {
            return false;
        }
        ChunkBounds b = (ChunkBounds) o;
        return table.equals(b.table)
                && keyColumns.equals(b.keyColumns)
                && Arrays.equals(lower, b.lower)
                && Arrays.equals(upper, b.upper);
    }

    @Override
    public int hashCode() {
        return table.hashCode() * 31 + Arrays.hashCode(lower);
    }

    @Override
    public String toString() {
        return table
                + keyColumns.toString()
                + " ["
                + (lower == null ? "-inf" : String.join(",", lower))
                + ", "
                + (upper == null ? "+inf" : String.join(",", upper))
                + ")";
    }
}
