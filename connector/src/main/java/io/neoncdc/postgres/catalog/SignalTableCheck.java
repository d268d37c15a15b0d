package io.neoncdc.postgres.catalog;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.table.api.ValidationException;

/**
 * The {@code signal.table} exists with columns {@code id}, {@code type} and {@code data}; it joins
 * the publication's table list, since signals are read from the WAL.
 */
public final class SignalTableCheck {
    private SignalTableCheck() {}

    /** The statement that creates a signal table of the expected shape. */
    public static String createStatement(TableId table) {
        return "CREATE TABLE "
                + table.quoted()
                + " (id varchar(42) PRIMARY KEY, type varchar(32) NOT NULL, data varchar(2048));";
    }

    /** The signal table's description, or empty when signals are off. */
    public static Optional<TableInfo> describe(CatalogReader catalog, String name)
            throws SQLException {
        if (name == null) {
            return Optional.empty();
        }
        TableId id = TableList.parseName(name);
        CatalogReader.Relation relation =
                catalog.relation(id)
                        .orElseThrow(
                                () ->
                                        new ValidationException(
                                                "'signal.table' "
                                                        + id
                                                        + " does not exist. Create it on the"
                                                        + " primary: "
                                                        + createStatement(id)));
        TableInfo info = catalog.describe(List.of(relation)).get(0);
        List<String> missing = new ArrayList<>();
        for (String column : List.of("id", "type", "data")) {
            if (info.column(column).isEmpty()) {
                missing.add(column);
            }
        }
        if (!missing.isEmpty()) {
            throw new ValidationException(
                    "'signal.table' "
                            + id
                            + " lacks column(s) "
                            + missing
                            + "; a signal table looks like: "
                            + createStatement(id));
        }
        return Optional.of(info);
    }
}
