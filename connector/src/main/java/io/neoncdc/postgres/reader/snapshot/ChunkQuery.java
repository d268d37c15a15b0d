package io.neoncdc.postgres.reader.snapshot;

import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.schema.CapturedTable;
import io.neoncdc.postgres.snapshot.KeyPredicates;
import io.neoncdc.postgres.split.ChunkBounds;
import java.util.List;

/** Builds the {@code COPY (SELECT … WHERE <key range>) TO STDOUT (FORMAT binary)} of a chunk. */
final class ChunkQuery {
    private ChunkQuery() {}

    /**
     * @param filter an extra SQL condition on the table's rows (an execute-snapshot signal's
     *     additional condition), or null
     */
    static String copy(CapturedTable table, ChunkBounds bounds, String filter) {
        StringBuilder sql = new StringBuilder("COPY (SELECT ");
        List<String> columns = table.columnNames();
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                sql.append(", ");
            }
            if (table.unreadable(i) != null) {
                throw new IllegalStateException(table.unreadable(i));
            }
            if (table.converters()[i] == null) {
                // Declared, but dropped in PostgreSQL since the job started: NULL.
                sql.append("NULL");
                continue;
            }
            sql.append(TableId.quote(columns.get(i)));
            if (!table.converters()[i].hasBinary()) {
                // No binary decoder for this type: its text form travels as binary text.
                sql.append("::text");
            }
        }
        // ONLY: a query on a table with inheritance children also returns their rows, but the
        // stream carries a child's changes under the child (PartitionCheck refuses a parent whose
        // children are not captured too). A partitioned root holds no rows itself: no ONLY.
        sql.append(table.info().isPartitioned() ? " FROM " : " FROM ONLY ")
                .append(table.info().id().quoted());
        String where = KeyPredicates.where(table.info(), bounds);
        if (table.info().rowFilter() != null) {
            // The stream carries only the rows the publication's row filter accepts (an UPDATE
            // into or out of it arrives as an INSERT or a DELETE), so a chunk reads only those.
            String rows = "(" + table.info().rowFilter() + ")";
            where = where.isEmpty() ? rows : where + " AND " + rows;
        }
        if (filter != null) {
            where = where.isEmpty() ? "(" + filter + ")" : where + " AND (" + filter + ")";
        }
        if (!where.isEmpty()) {
            sql.append(" WHERE ").append(where);
        }
        return sql.append(") TO STDOUT (FORMAT binary)").toString();
    }
}
