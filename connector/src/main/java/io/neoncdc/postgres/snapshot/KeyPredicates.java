package io.neoncdc.postgres.snapshot;

import io.neoncdc.postgres.catalog.PgType;
import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.catalog.TableInfo;
import io.neoncdc.postgres.split.ChunkBounds;
import java.util.List;

/**
 * SQL for a chunk's key range: {@code (k1, k2) >= (…) AND (k1, k2) < (…)} with typed literals,
 * compared by PostgreSQL under the key columns' own collations.
 */
public final class KeyPredicates {
    private KeyPredicates() {}

    /** The WHERE condition of the chunk; empty when both ends are open. */
    public static String where(TableInfo table, ChunkBounds bounds) {
        String lower = bounds.lower() == null ? null : compare(table, bounds, bounds.lower(), ">=");
        String upper = bounds.upper() == null ? null : compare(table, bounds, bounds.upper(), "<");
        if (lower != null && upper != null) {
            return lower + " AND " + upper;
        }
        return lower != null ? lower : upper != null ? upper : "";
    }

    private static String compare(TableInfo table, ChunkBounds bounds, String[] values, String op) {
        List<String> keys = bounds.keyColumns();
        StringBuilder left = new StringBuilder("(");
        StringBuilder right = new StringBuilder("(");
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) {
                left.append(", ");
                right.append(", ");
            }
            left.append(TableId.quote(keys.get(i)));
            right.append(literal(table, keys.get(i), values[i]));
        }
        return left + ") " + op + " " + right + ")";
    }

    /** The typed literals of a key, comma separated (for a row constructor). */
    public static String values(TableInfo table, List<String> keys, String[] values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < keys.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(literal(table, keys.get(i), values[i]));
        }
        return sb.toString();
    }

    /** {@code 'text'::"schema"."type"}: a key value in text form, typed as its column. */
    public static String literal(TableInfo table, String column, String text) {
        return TableId.literal(text) + "::" + typeName(table, column);
    }

    private static String typeName(TableInfo table, String column) {
        if (ChunkBounds.CTID.equals(column)) {
            return "tid";
        }
        PgType type =
                table.column(column)
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "Chunk key column "
                                                        + column
                                                        + " is not a column of "
                                                        + table.id()))
                        .type();
        return TableId.quote(type.schema()) + "." + TableId.quote(type.name());
    }
}
