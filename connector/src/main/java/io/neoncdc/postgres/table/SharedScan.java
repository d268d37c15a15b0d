package io.neoncdc.postgres.table;

import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.event.ChangeEventDeserializer;
import java.io.Serializable;
import java.util.List;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

/**
 * One SQL scan a shared source serves: its PostgreSQL table(s), the physical columns the scan reads
 * (matched by name in the source's rows of that table), its declared key, and the conversion into
 * the rows the scan emits (changelog mode, metadata columns, state).
 */
final class SharedScan implements Serializable {
    private static final long serialVersionUID = 1L;

    final List<TableId> tables;
    final RowType physical;
    final List<String> primaryKey;
    final ChangeEventDeserializer<RowData> deserializer;

    /** The type the deserializer emits: the produced type, or {@link KeyedChangeRows}' rows. */
    final RowType emitted;

    /**
     * Whether the scan keeps each key's last row in Flink state ({@link ChangelogMaterializer}
     * after the split); its deserializer then reads the whole table rows and emits {@link
     * KeyedChangeRows}, with unchanged TOASTed values marked for the fill.
     */
    final boolean stateful;

    /** Whether the source marks unchanged TOASTed values for the state to fill. */
    final boolean fillToast;

    SharedScan(
            List<TableId> tables,
            RowType physical,
            List<String> primaryKey,
            ChangeEventDeserializer<RowData> deserializer,
            RowType emitted,
            boolean stateful,
            boolean fillToast) {
        this.fillToast = fillToast;
        this.tables = List.copyOf(tables);
        this.physical = physical;
        this.primaryKey = List.copyOf(primaryKey);
        this.deserializer = deserializer;
        this.emitted = emitted;
        this.stateful = stateful;
    }

    @Override
    public String toString() {
        return tables + " " + physical.getFieldNames();
    }
}
