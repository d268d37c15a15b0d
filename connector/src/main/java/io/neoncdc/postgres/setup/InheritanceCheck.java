package io.neoncdc.postgres.setup;

import io.neoncdc.postgres.catalog.CatalogReader.Relation;
import io.neoncdc.postgres.catalog.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.table.api.ValidationException;

/**
 * A table with inheritance children ({@code INHERITS}, TimescaleDB-style chunks) is captured only
 * together with all its children, each as a table of its own: a query on the parent returns the
 * children's rows, but PostgreSQL publishes a child's changes under the child's name, so a parent
 * read alone would be snapshotted with rows whose changes never arrive under it.
 */
final class InheritanceCheck {
    private InheritanceCheck() {}

    /** Fails naming the children a selected parent would leave uncaptured. */
    static void check(List<Relation> selected) {
        Set<TableId> captured = selected.stream().map(r -> r.id).collect(Collectors.toSet());
        List<String> problems = new ArrayList<>();
        List<TableId> missing = new ArrayList<>();
        for (Relation r : selected) {
            List<TableId> left =
                    r.inheritors.stream()
                            .filter(child -> !captured.contains(child))
                            .collect(Collectors.toList());
            if (!left.isEmpty()) {
                problems.add(
                        r.id
                                + " (children "
                                + left.stream().map(TableId::toString).collect(joining())
                                + ")");
                missing.addAll(left);
            }
        }
        if (problems.isEmpty()) {
            return;
        }
        throw new ValidationException(
                "Table(s) "
                        + String.join("; ", problems)
                        + " have inheritance children (INHERITS, or TimescaleDB-style chunks)"
                        + " that the capture list does not select. A query on the parent also"
                        + " returns the children's rows, but PostgreSQL publishes every child's"
                        + " changes under the child's own name, never under the parent, so the"
                        + " snapshot and the stream of the parent would disagree. Capture the"
                        + " children too (add "
                        + missing.stream().map(TableId::toString).collect(joining())
                        + " to 'table-name'): each table is then read on its own (SELECT … FROM"
                        + " ONLY) and streamed under its own name (the 'table_name' metadata"
                        + " column tells them apart; PostgreSQL does not keep keys unique across"
                        + " a parent and its children). Children created while the job runs"
                        + " (such as new TimescaleDB chunks) are not captured by it.");
    }

    private static java.util.stream.Collector<CharSequence, ?, String> joining() {
        return Collectors.joining(", ");
    }
}
