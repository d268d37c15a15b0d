package io.neoncdc.postgres.testutil;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.types.Row;

/**
 * The changelog of one table out of a job that reads several (rows {@code (id, v, s, table_name)}):
 * exact per key, and equal to the source table.
 */
public final class TableChangelogs {
    private TableChangelogs() {}

    /** The rows {@code (id, v, s)} of table {@code table}, in changelog order, with their kinds. */
    public static List<Row> of(List<Row> committed, String table, int tableField) {
        List<Row> rows = new ArrayList<>();
        for (Row r : committed) {
            if (table.equals(r.getField(tableField))) {
                Row projected = Row.withPositions(r.getKind(), 3);
                for (int i = 0; i < 3; i++) {
                    projected.setField(i, r.getField(i));
                }
                rows.add(projected);
            }
        }
        return rows;
    }

    /**
     * Asserts that the changelog of {@code table} is exact (no insert of a present key, no
     * retraction of a missing or different row) and materializes to {@code sourceRows} ("id, v, s"
     * lines), naming missing and wrong rows.
     */
    public static void assertExact(
            List<Row> committed, String table, int tableField, List<String> sourceRows) {
        Map<String, Row> materialized =
                Changelog.apply(
                        of(committed, table, tableField), r -> String.valueOf(r.getField(0)));
        List<String> actual = new ArrayList<>();
        materialized
                .values()
                .forEach(
                        r ->
                                actual.add(
                                        r.getField(0)
                                                + ", "
                                                + Objects.toString(r.getField(1))
                                                + ", "
                                                + Objects.toString(r.getField(2))));
        List<String> expected = new ArrayList<>(sourceRows);
        Collections.sort(actual);
        Collections.sort(expected);
        List<String> missing = new ArrayList<>(expected);
        missing.removeAll(actual);
        List<String> extra = new ArrayList<>(actual);
        extra.removeAll(expected);
        assertThat(missing)
                .as("rows of %s missing from the changelog (it has these wrong: %s)", table, extra)
                .isEmpty();
        assertThat(extra).as("rows of %s the changelog has wrong", table).isEmpty();
        assertThat(actual).as("table %s", table).isEqualTo(expected);
    }
}
