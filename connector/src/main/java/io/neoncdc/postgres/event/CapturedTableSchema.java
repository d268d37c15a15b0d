package io.neoncdc.postgres.event;

import io.neoncdc.postgres.catalog.TableId;
import java.io.Serializable;
import java.util.List;
import org.apache.flink.table.types.logical.RowType;

/**
 * The output layout of one captured table: its name, database, the Flink row type of the rows the
 * events carry (matched to PostgreSQL columns by name) and its key columns.
 */
public final class CapturedTableSchema implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String database;
    private final TableId id;
    private final RowType rowType;
    private final List<String> keyColumns;

    public CapturedTableSchema(
            String database, TableId id, RowType rowType, List<String> keyColumns) {
        this.database = database;
        this.id = id;
        this.rowType = rowType;
        this.keyColumns = List.copyOf(keyColumns);
    }

    public String database() {
        return database;
    }

    public TableId id() {
        return id;
    }

    public RowType rowType() {
        return rowType;
    }

    /** Primary (or replica identity) key column names; empty for keyless tables. */
    public List<String> keyColumns() {
        return keyColumns;
    }
}
