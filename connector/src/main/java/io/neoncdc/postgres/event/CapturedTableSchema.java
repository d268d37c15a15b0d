package io.neoncdc.postgres.event;

import io.neoncdc.postgres.catalog.PgType;
import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.config.TopicNaming;
import java.io.Serializable;
import java.util.List;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.types.logical.RowType;

/**
 * The output layout of one captured table: its name, database, the Flink row type of the rows the
 * events carry (matched to PostgreSQL columns by name), its key columns, the PostgreSQL type of
 * every output column and its topic name.
 */
@PublicEvolving
public final class CapturedTableSchema implements Serializable {
    private static final long serialVersionUID = 2L;

    private final String database;
    private final TableId id;
    private final RowType rowType;
    private final List<String> keyColumns;
    private final List<String> identityKeyColumns;
    private final List<PgType> columnTypes;
    private final String topic;
    private final String serverName;

    public CapturedTableSchema(
            String database, TableId id, RowType rowType, List<String> keyColumns) {
        this(database, id, rowType, keyColumns, List.of(), TopicNaming.DEFAULT);
    }

    public CapturedTableSchema(
            String database,
            TableId id,
            RowType rowType,
            List<String> keyColumns,
            List<PgType> columnTypes,
            TopicNaming naming) {
        this(database, id, rowType, keyColumns, keyColumns, columnTypes, naming);
    }

    /**
     * @param identityKeyColumns the columns a key-only old row carries (see {@link
     *     #identityKeyColumns()})
     */
    public CapturedTableSchema(
            String database,
            TableId id,
            RowType rowType,
            List<String> keyColumns,
            List<String> identityKeyColumns,
            List<PgType> columnTypes,
            TopicNaming naming) {
        this.identityKeyColumns = List.copyOf(identityKeyColumns);
        this.database = database;
        this.id = id;
        this.rowType = rowType;
        this.keyColumns = List.copyOf(keyColumns);
        this.columnTypes = List.copyOf(columnTypes);
        this.topic = naming.topic(database, id);
        this.serverName = naming.serverName(database);
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

    /**
     * The columns the WAL carries in a key-only old row: the primary key, or the columns of the
     * REPLICA IDENTITY USING INDEX index; empty for a table without either.
     */
    public List<String> identityKeyColumns() {
        return identityKeyColumns;
    }

    /**
     * The PostgreSQL type of each output column, in output order; empty when unknown (schemas built
     * by hand in tests).
     */
    public List<PgType> columnTypes() {
        return columnTypes;
    }

    /** The table's topic ({@code topic.prefix}, {@code topic.prefix-database}). */
    public String topic() {
        return topic;
    }

    /** Debezium's logical server name: the topic prefix, else the database name. */
    public String serverName() {
        return serverName;
    }
}
