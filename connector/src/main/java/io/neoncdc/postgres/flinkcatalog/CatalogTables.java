package io.neoncdc.postgres.flinkcatalog;

import io.neoncdc.postgres.catalog.ColumnInfo;
import io.neoncdc.postgres.catalog.TableInfo;
import io.neoncdc.postgres.convert.ValueConverters;
import io.neoncdc.postgres.table.MetadataColumns;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.utils.TypeConversions;

/**
 * A PostgreSQL table as a Flink catalog table: every column with the connector's default type for
 * its PostgreSQL type (README's type mapping: the same types a table without a declared schema is
 * read into), the primary key or else the replica identity index as the primary key, comments, and
 * optionally the metadata columns.
 */
final class CatalogTables {
    private CatalogTables() {}

    static CatalogTable of(TableInfo info, Map<String, String> comments, boolean withMetadata) {
        Schema.Builder schema = Schema.newBuilder();
        Set<String> names = new HashSet<>();
        for (ColumnInfo column : info.columns()) {
            DataType type =
                    TypeConversions.fromLogicalToDataType(
                            ValueConverters.defaultType(column.type()).copy(!column.notNull()));
            schema.column(column.name(), type);
            if (comments.containsKey(column.name())) {
                schema.withComment(comments.get(column.name()));
            }
            names.add(column.name());
        }
        if (withMetadata) {
            for (Map.Entry<String, DataType> m : MetadataColumns.readable().entrySet()) {
                String name = m.getKey();
                while (names.contains(name)) {
                    name = "_" + name; // a table column of that name keeps its name
                }
                names.add(name);
                schema.columnByMetadata(name, m.getValue(), m.getKey(), true);
            }
        }
        List<String> key = key(info);
        if (!key.isEmpty()) {
            schema.primaryKeyNamed("pk_" + info.id().table(), key);
        }
        return CatalogTable.newBuilder()
                .schema(schema.build())
                .comment(comments.get(null))
                .options(Map.of())
                .build();
    }

    /**
     * The primary key, else the columns of a {@code REPLICA IDENTITY USING INDEX} index (unique and
     * NOT NULL by PostgreSQL's rules), else none.
     */
    static List<String> key(TableInfo info) {
        if (!info.primaryKey().isEmpty()) {
            return info.primaryKey();
        }
        return info.replicaIdentity() == 'i' ? info.replicaIdentityKey() : List.of();
    }
}
