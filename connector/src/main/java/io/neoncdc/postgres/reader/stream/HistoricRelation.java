package io.neoncdc.postgres.reader.stream;

import io.neoncdc.postgres.catalog.ColumnInfo;
import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.catalog.TableInfo;
import io.neoncdc.postgres.catalog.TypeResolver;
import io.neoncdc.postgres.pgoutput.RelationColumn;
import io.neoncdc.postgres.pgoutput.RelationMessage;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Describes a table by its pgoutput relation message alone: columns, types and identity as they
 * were when the change was written. The stream decodes with it when today's catalog has no such
 * table under that name (dropped, renamed, or re-created since), so a lagging or restored stream
 * never depends on the catalog of today for changes of the past (review §5).
 */
final class HistoricRelation {
    private HistoricRelation() {}

    static TableInfo describe(RelationMessage m, TypeResolver types, Connection c)
            throws SQLException {
        List<Integer> oids = new ArrayList<>();
        m.columns().forEach(col -> oids.add(col.typeOid()));
        types.load(c, oids);
        List<ColumnInfo> columns = new ArrayList<>();
        List<String> key = new ArrayList<>();
        for (RelationColumn col : m.columns()) {
            // Collation is unknown here: keys are then placed by PostgreSQL, never guessed.
            columns.add(
                    new ColumnInfo(
                            col.name(),
                            types.type(col.typeOid(), col.typmod()),
                            false,
                            null,
                            false));
            if (col.key()) {
                key.add(col.name());
            }
        }
        return new TableInfo(
                new TableId(m.namespace(), m.name()),
                m.relationId(),
                'r',
                m.replicaIdentity(),
                columns,
                key,
                key,
                0,
                0);
    }
}
