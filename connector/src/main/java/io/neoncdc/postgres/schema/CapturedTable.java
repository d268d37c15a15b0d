package io.neoncdc.postgres.schema;

import io.neoncdc.postgres.catalog.PgType;
import io.neoncdc.postgres.catalog.TableInfo;
import io.neoncdc.postgres.convert.ValueConverter;
import io.neoncdc.postgres.event.CapturedTableSchema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.flink.annotation.Internal;

/**
 * A captured table as a reader sees it: the output schema, and for every output column the
 * PostgreSQL type and the converter both the snapshot and the stream path use.
 */
@Internal
public final class CapturedTable {
    private final TableInfo info;
    private final CapturedTableSchema schema;
    private final List<PgType> columnTypes;
    private final ValueConverter[] converters;
    private final String[] unreadable;

    CapturedTable(
            TableInfo info,
            CapturedTableSchema schema,
            List<PgType> columnTypes,
            ValueConverter[] converters,
            String[] unreadable) {
        this.info = info;
        this.schema = schema;
        this.columnTypes = Collections.unmodifiableList(new ArrayList<>(columnTypes));
        this.converters = converters;
        this.unreadable = unreadable;
    }

    /**
     * Why column {@code j} cannot be read in its current PostgreSQL type (it changed after the job
     * started), or null.
     */
    public String unreadable(int j) {
        return unreadable[j];
    }

    public TableInfo info() {
        return info;
    }

    public CapturedTableSchema schema() {
        return schema;
    }

    /** Output column names, in output order. */
    public List<String> columnNames() {
        return schema.rowType().getFieldNames();
    }

    /** The PostgreSQL type of each output column; null for a column dropped since the start. */
    public List<PgType> columnTypes() {
        return columnTypes;
    }

    /** The converter of each output column (shared by snapshot and stream). */
    public ValueConverter[] converters() {
        return converters;
    }

    public int indexOf(String column) {
        return schema.rowType().getFieldIndex(column);
    }
}
