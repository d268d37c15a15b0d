package io.neoncdc.postgres.table;

import io.neoncdc.postgres.catalog.TableId;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;

/**
 * The scans a shared source serves, and what it therefore captures: every scanned table, read into
 * the union (by name) of the columns its scans need. Grows while the planner translates the job's
 * scans (one thread); it is only read once the job graph is built, after every scan joined.
 */
final class SharedCapture implements Serializable {
    private static final long serialVersionUID = 1L;

    private final ArrayList<SharedScan> scans = new ArrayList<>();

    /** Adds a scan and returns its index (the planner's thread). */
    synchronized int add(SharedScan scan) {
        checkFits(scan);
        scans.add(scan);
        return scans.size() - 1;
    }

    synchronized List<SharedScan> scans() {
        return List.copyOf(scans);
    }

    synchronized int size() {
        return scans.size();
    }

    /** The captured tables, in the order scans joined. */
    synchronized List<TableId> tables() {
        List<TableId> tables = new ArrayList<>();
        for (SharedScan s : scans) {
            for (TableId t : s.tables) {
                if (!tables.contains(t)) {
                    tables.add(t);
                }
            }
        }
        return tables;
    }

    /**
     * The columns read from {@code table}: those of its first scan in order, then those only later
     * scans read. A column is nullable when any scan declares it so.
     */
    synchronized RowType columnsOf(TableId table) {
        Map<String, LogicalType> columns = new LinkedHashMap<>();
        for (SharedScan s : scans) {
            if (s.tables.contains(table)) {
                for (RowType.RowField f : s.physical.getFields()) {
                    LogicalType known = columns.get(f.getName());
                    boolean nullable =
                            f.getType().isNullable() || (known != null && known.isNullable());
                    columns.put(f.getName(), f.getType().copy(nullable));
                }
            }
        }
        return RowType.of(
                columns.values().toArray(new LogicalType[0]),
                columns.keySet().toArray(new String[0]));
    }

    /** The declared key of {@code table} (every scan of a table declares the same or none). */
    synchronized List<String> keyOf(TableId table) {
        for (SharedScan s : scans) {
            if (s.tables.contains(table) && !s.primaryKey.isEmpty()) {
                return s.primaryKey;
            }
        }
        return List.of();
    }

    /** One table is read once, so its scans must agree on every column's type and on the key. */
    private void checkFits(SharedScan scan) {
        for (SharedScan other : scans) {
            TableId table =
                    other.tables.stream().filter(scan.tables::contains).findFirst().orElse(null);
            if (table == null) {
                continue;
            }
            for (RowType.RowField f : scan.physical.getFields()) {
                int i = other.physical.getFieldIndex(f.getName());
                if (i >= 0
                        && !other.physical.getTypeAt(i).copy(true).equals(f.getType().copy(true))) {
                    throw new ValidationException(
                            "Two tables of this job read column '"
                                    + f.getName()
                                    + "' of "
                                    + table
                                    + " as "
                                    + other.physical.getTypeAt(i)
                                    + " and as "
                                    + f.getType()
                                    + ", but they share one replication slot, which reads each"
                                    + " table once. Declare the same type in both, or give one"
                                    + " its own 'slot.name'.");
                }
            }
            if (!scan.primaryKey.isEmpty()
                    && !other.primaryKey.isEmpty()
                    && !scan.primaryKey.equals(other.primaryKey)) {
                throw new ValidationException(
                        "Two tables of this job declare different primary keys for "
                                + table
                                + " ("
                                + other.primaryKey
                                + " and "
                                + scan.primaryKey
                                + ") but share one replication slot. Declare the same key, or"
                                + " give one its own 'slot.name'.");
            }
        }
    }
}
