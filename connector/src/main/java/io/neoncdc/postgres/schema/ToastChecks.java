package io.neoncdc.postgres.schema;

import io.neoncdc.postgres.catalog.ColumnInfo;
import io.neoncdc.postgres.catalog.TableInfo;
import io.neoncdc.postgres.config.ToastMode;
import io.neoncdc.postgres.config.ValueHandling;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeFamily;

/** Start-time checks of {@code toast.unchanged-value} against the captured columns. */
final class ToastChecks {
    private ToastChecks() {}

    /**
     * A placeholder is a string: a column that may arrive as unchanged TOAST and is not declared
     * STRING could not hold it, so the job fails at start rather than at the first such update.
     */
    static void checkPlaceholderColumns(ValueHandling values, CapturedTable table) {
        if (values.toastMode() != ToastMode.PLACEHOLDER || fullIdentity(table.info())) {
            return;
        }
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < table.columnNames().size(); i++) {
            String name = table.columnNames().get(i);
            LogicalType type = table.schema().rowType().getTypeAt(i);
            boolean toastable = table.info().column(name).map(ColumnInfo::toastable).orElse(false);
            if (toastable && !type.is(LogicalTypeFamily.CHARACTER_STRING)) {
                bad.add(name + " " + type.asSummaryString());
            }
        }
        if (!bad.isEmpty()) {
            throw new ValidationException(
                    "'toast.unchanged-value' = 'placeholder' writes the string '"
                            + values.toastPlaceholder()
                            + "' into unchanged TOASTed values, but these columns of "
                            + table.info().id()
                            + " can be TOASTed and are not declared STRING: "
                            + String.join(", ", bad)
                            + ". Declare them STRING, use 'toast.unchanged-value' = 'null' or"
                            + " 'fill' (upsert), or run ALTER TABLE "
                            + table.info().id().quoted()
                            + " REPLICA IDENTITY FULL;");
        }
    }

    /** Whether every update of the table carries the whole old row (FULL on every leaf). */
    static boolean fullIdentity(TableInfo info) {
        if (info.isPartitioned()) {
            return !info.leaves().isEmpty()
                    && info.leaves().stream().allMatch(l -> l.replicaIdentity() == 'f');
        }
        return info.replicaIdentity() == 'f';
    }
}
