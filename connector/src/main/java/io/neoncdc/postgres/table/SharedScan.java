package io.neoncdc.postgres.table;

import io.neoncdc.postgres.catalog.TableId;
import java.io.Serializable;
import java.util.List;
import org.apache.flink.table.types.logical.RowType;

/**
 * One SQL scan a shared source serves: its PostgreSQL table(s), the physical columns the scan reads
 * (matched by name in the source's rows of that table), its declared key, and the conversion into
 * the rows the scan emits (changelog mode, metadata columns, TOAST markers).
 */
final class SharedScan implements Serializable {
    private static final long serialVersionUID = 1L;

    final List<TableId> tables;
    final RowType physical;
    final List<String> primaryKey;
    final RowDataDeserializer deserializer;

    /** The type the deserializer emits: the produced type, plus the markers when filling. */
    final RowType emitted;

    /** Whether a keyed TOAST fill operator follows the split ({@code toast.unchanged-value}). */
    final boolean fill;

    SharedScan(
            List<TableId> tables,
            RowType physical,
            List<String> primaryKey,
            RowDataDeserializer deserializer,
            RowType emitted,
            boolean fill) {
        this.tables = List.copyOf(tables);
        this.physical = physical;
        this.primaryKey = List.copyOf(primaryKey);
        this.deserializer = deserializer;
        this.emitted = emitted;
        this.fill = fill;
    }

    @Override
    public String toString() {
        return tables + " " + physical.getFieldNames();
    }
}
