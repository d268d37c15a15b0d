package io.neoncdc.postgres.schema;

import io.neoncdc.postgres.catalog.TableId;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.types.logical.RowType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a declared column that no longer exists in PostgreSQL becomes: NULL, unless NOT NULL. */
@Internal
public final class DroppedColumns {
    private static final Logger LOG = LoggerFactory.getLogger(DroppedColumns.class);

    private DroppedColumns() {}

    /** Fails for a NOT NULL declared column, else logs that the column is read as NULL. */
    public static void check(TableId table, RowType.RowField field) {
        String problem = problem(table, field);
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
    }

    /**
     * Why a NOT NULL declared column cannot be read as NULL, or null after logging that a nullable
     * one is.
     */
    public static String problem(TableId table, RowType.RowField field) {
        if (!field.getType().isNullable()) {
            return "Column "
                    + table
                    + "."
                    + field.getName()
                    + " was dropped (or renamed) in PostgreSQL, but it is declared "
                    + field.getType().asSummaryString()
                    + ", so it cannot become NULL. Declare it nullable, or remove it from"
                    + " the table declaration and restart the job.";
        }
        LOG.warn(
                "Column {}.{} no longer exists in PostgreSQL (dropped or renamed): it is NULL from"
                        + " now on",
                table,
                field.getName());
        return null;
    }
}
