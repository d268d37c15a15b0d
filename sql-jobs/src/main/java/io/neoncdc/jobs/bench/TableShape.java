package io.neoncdc.jobs.bench;

import io.neoncdc.postgres.catalog.CatalogReader;
import io.neoncdc.postgres.catalog.ColumnInfo;
import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.catalog.TableInfo;
import io.neoncdc.postgres.convert.ValueConverters;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.utils.TypeConversions;

/**
 * A bench table's columns with the Flink types the connector maps them to by default (the types a
 * user declares for them), read from the catalog: the SQL DDL and the DataStream row type.
 */
final class TableShape {
    final String table;
    final RowType rowType;
    final List<String> primaryKey;

    private TableShape(String table, RowType rowType, List<String> primaryKey) {
        this.table = table;
        this.rowType = rowType;
        this.primaryKey = primaryKey;
    }

    static TableShape read(BenchServer server, String table) throws SQLException {
        try (Connection c = server.connect()) {
            CatalogReader catalog = new CatalogReader(c);
            TableId id = new TableId("public", table);
            TableInfo info =
                    catalog.describe(
                                    List.of(
                                            catalog.relation(id)
                                                    .orElseThrow(
                                                            () ->
                                                                    new IllegalStateException(
                                                                            "No table " + id))))
                            .get(0);
            List<RowType.RowField> fields = new ArrayList<>();
            for (ColumnInfo column : info.columns()) {
                LogicalType type =
                        ValueConverters.defaultType(column.type()).copy(!column.notNull());
                fields.add(new RowType.RowField(column.name(), type));
            }
            return new TableShape(table, new RowType(fields), info.primaryKey());
        }
    }

    DataType dataType() {
        return TypeConversions.fromLogicalToDataType(rowType);
    }

    /** {@code col TYPE, …[, PRIMARY KEY (…) NOT ENFORCED]} of a SQL table declaration. */
    String columnsDdl(boolean withKey) {
        StringBuilder sb = new StringBuilder();
        for (RowType.RowField f : rowType.getFields()) {
            sb.append(sb.length() == 0 ? "" : ", ")
                    .append('`')
                    .append(f.getName())
                    .append("` ")
                    .append(f.getType().asSerializableString());
        }
        if (withKey && !primaryKey.isEmpty()) {
            sb.append(", PRIMARY KEY (`")
                    .append(String.join("`, `", primaryKey))
                    .append("`) NOT ENFORCED");
        }
        return sb.toString();
    }
}
