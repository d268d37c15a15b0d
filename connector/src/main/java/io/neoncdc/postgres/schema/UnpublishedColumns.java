package io.neoncdc.postgres.schema;

import io.neoncdc.postgres.catalog.TableInfo;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.types.logical.RowType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Columns the stream never carries (generated columns before PostgreSQL 18, virtual generated
 * columns, columns outside a publication's column list) are read by neither path: a declared one
 * fails with the reason and the fix, an undeclared one is left out of the default schema and
 * logged. Nothing is computed by the connector.
 */
final class UnpublishedColumns {
    private static final Logger LOG = LoggerFactory.getLogger(UnpublishedColumns.class);

    private UnpublishedColumns() {}

    /**
     * @param declared the declared row type, or null for the default schema
     * @param atStart whether this is the check at job start (the only one that logs)
     */
    static void check(
            NeonPostgresSourceConfig config, TableInfo info, RowType declared, boolean atStart) {
        Map<String, String> excluded = info.excludedColumns();
        if (excluded.isEmpty()) {
            return;
        }
        List<String> key =
                !info.primaryKey().isEmpty() ? info.primaryKey() : info.replicaIdentityKey();
        for (String column : key) {
            if (excluded.containsKey(column)) {
                throw new ValidationException(
                        "Key column '"
                                + column
                                + "' of table "
                                + info.id()
                                + " is not carried by the stream: "
                                + excluded.get(column)
                                + ". Without it the changes of a row cannot be matched to the"
                                + " row; publish the column or capture another table.");
            }
        }
        List<String> undeclared = new ArrayList<>();
        for (Map.Entry<String, String> e : excluded.entrySet()) {
            if (declared == null || !declared.getFieldNames().contains(e.getKey())) {
                undeclared.add(e.getKey() + " (" + e.getValue() + ")");
                continue;
            }
            // Why fail instead of reading it in the snapshot: its snapshot value would be
            // replaced by NULL on the row's first change, a silently wrong result.
            throw new ValidationException(
                    "Column '"
                            + e.getKey()
                            + "' of table "
                            + info.id()
                            + " is declared, but "
                            + e.getValue()
                            + ". The snapshot and the stream must carry the same columns, so the"
                            + " connector reads it in neither and computes nothing. Remove it"
                            + " from the declaration (a generated value can be computed in Flink"
                            + " with a computed column, e.g. `"
                            + e.getKey()
                            + " AS <expression>`), or change the publication as said (publication"
                            + " '"
                            + config.publicationName()
                            + "').");
        }
        if (atStart && declared == null) {
            LOG.info(
                    "Table {}: not captured, because the stream never carries them: {}",
                    info.id(),
                    undeclared);
        }
    }
}
