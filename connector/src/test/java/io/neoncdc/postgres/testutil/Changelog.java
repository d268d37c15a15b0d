package io.neoncdc.postgres.testutil;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;

/**
 * Applies a changelog per key the way a downstream table would, failing on the first change that is
 * impossible for an exact stream: an insert of an existing key, or an update/delete of a missing
 * key or of a row that differs from the current one.
 */
public final class Changelog {
    private Changelog() {}

    /**
     * The materialized table (key → row without kind) after applying all rows in order; a +U must
     * follow the -U of its key (retract streams) unless {@code upsert}.
     */
    public static Map<String, Row> apply(List<Row> changes, Function<Row, String> key) {
        return apply(changes, key, false);
    }

    public static Map<String, Row> apply(
            List<Row> changes, Function<Row, String> key, boolean upsert) {
        Map<String, Row> table = new TreeMap<>();
        int i = 0;
        for (Row change : changes) {
            String k = key.apply(change);
            Row value = Row.copy(change);
            value.setKind(RowKind.INSERT);
            Row current = table.get(k);
            String where = "change #" + i + " " + change;
            switch (change.getKind()) {
                case INSERT:
                    assertThat(current).as("insert of existing key at " + where).isNull();
                    table.put(k, value);
                    break;
                case UPDATE_BEFORE:
                case DELETE:
                    assertThat(current).as("retraction of missing key at " + where).isNotNull();
                    assertThat(Objects.toString(current))
                            .as("retracted row differs at " + where)
                            .isEqualTo(Objects.toString(value));
                    table.remove(k);
                    break;
                case UPDATE_AFTER:
                    if (!upsert) {
                        assertThat(current).as("+U without a -U before it at " + where).isNull();
                    }
                    table.put(k, value);
                    break;
                default:
                    throw new IllegalStateException();
            }
            i++;
        }
        return table;
    }

    /**
     * Applies a retract stream as a multiset of whole rows (for tables without a key): a retraction
     * must match a row present at that point. Returns row text → count.
     */
    public static Map<String, Integer> applyMultiset(List<Row> changes) {
        Map<String, Integer> rows = new TreeMap<>();
        int i = 0;
        for (Row change : changes) {
            Row value = Row.copy(change);
            value.setKind(RowKind.INSERT);
            String k = value.toString();
            switch (change.getKind()) {
                case INSERT:
                case UPDATE_AFTER:
                    rows.merge(k, 1, Integer::sum);
                    break;
                default:
                    assertThat(rows.getOrDefault(k, 0))
                            .as("retraction of a row not present at change #" + i + " " + change)
                            .isPositive();
                    rows.merge(k, -1, Integer::sum);
                    rows.remove(k, 0);
            }
            i++;
        }
        return rows;
    }
}
