package io.neoncdc.postgres.reader.stream;

import io.neoncdc.postgres.catalog.CaptureList;
import io.neoncdc.postgres.catalog.PgType;
import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.catalog.TypeResolver;
import io.neoncdc.postgres.convert.ValueConverter;
import io.neoncdc.postgres.convert.ValueConverters;
import io.neoncdc.postgres.pgoutput.RelationColumn;
import io.neoncdc.postgres.pgoutput.RelationMessage;
import io.neoncdc.postgres.schema.CapturedTable;
import io.neoncdc.postgres.schema.CapturedTables;
import io.neoncdc.postgres.schema.CatalogComposites;
import io.neoncdc.postgres.schema.DroppedColumns;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracks pgoutput relation messages: relation id → captured table and the converter for the column
 * layout the server announced (which changes with DDL while streaming).
 */
final class RelationRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(RelationRegistry.class);

    private final CaptureList captured;
    private final CapturedTables tables;
    private final Supplier<Connection> queryConnection;
    private final TypeResolver types = new TypeResolver();
    private final Map<Integer, TupleConverter> byRelationId = new HashMap<>();

    /** Reads a column the declared schema cannot take as NULL: used only under a problem. */
    private static final ValueConverter UNREADABLE =
            new ValueConverter() {
                @Override
                public Object fromText(byte[] bytes, int offset, int length) {
                    return null;
                }

                @Override
                public Object fromBinary(byte[] bytes, int offset, int length) {
                    return null;
                }
            };

    RelationRegistry(
            CaptureList captured, CapturedTables tables, Supplier<Connection> queryConnection) {
        this.captured = captured;
        this.tables = tables;
        this.queryConnection = queryConnection;
    }

    /** Registers a relation message; relations of tables not captured map to nothing. */
    void onRelation(RelationMessage m) throws SQLException {
        TableId id = new TableId(m.namespace(), m.name());
        TupleConverter before = byRelationId.get(m.relationId());
        TableId was = before == null ? null : before.table().info().id();
        if (!captured.matches(id)) {
            byRelationId.remove(m.relationId());
            if (was != null) {
                // Capture follows the capture list by name at every point of the stream, also
                // after a restart: a table renamed out of it leaves the capture, loudly.
                LOG.warn(
                        "Captured table {} was renamed to {}, which the capture list ({}) does not"
                                + " match: its changes are no longer captured from here on. Add"
                                + " the new name to 'table-name' to keep capturing it.",
                        was,
                        id,
                        captured);
            }
            return;
        }
        if (was != null && !was.equals(id)) {
            LOG.warn(
                    "Captured table {} was renamed to {}: its changes keep streaming, with the new"
                            + " name in their metadata",
                    was,
                    id);
        }
        CapturedTable table = table(m, id);
        List<RelationColumn> columns = m.columns();
        String[] names = new String[columns.size()];
        boolean[] key = new boolean[columns.size()];
        int[] outputIndex = new int[columns.size()];
        ValueConverter[] converters = new ValueConverter[columns.size()];
        // A layout the declared schema cannot take fails only if a change in it is emitted: the
        // hand-over window replays older layouts whose changes the chunks hold (review §6).
        String problem = null;
        for (int i = 0; i < columns.size(); i++) {
            RelationColumn c = columns.get(i);
            names[i] = c.name();
            key[i] = c.key();
            int j = table.indexOf(c.name());
            outputIndex[i] = j;
            if (j < 0) {
                continue;
            }
            PgType known = table.columnTypes().get(j);
            if (known != null && known.oid() == c.typeOid() && known.typmod() == c.typmod()) {
                if (table.unreadable(j) != null) {
                    problem = first(problem, table.unreadable(j));
                    converters[i] = UNREADABLE;
                } else {
                    converters[i] = table.converters()[j];
                }
            } else {
                // The catalog (read when this reader first met the table) and the WAL disagree:
                // the relation message tells the type of the changes that follow.
                try {
                    converters[i] = changedType(table, j, c);
                } catch (IllegalStateException e) {
                    problem = first(problem, e.getMessage());
                    converters[i] = UNREADABLE;
                }
            }
        }
        problem = first(problem, missing(table, outputIndex, byRelationId.get(m.relationId())));
        TupleConverter previous =
                byRelationId.put(
                        m.relationId(),
                        new TupleConverter(
                                table,
                                names,
                                key,
                                outputIndex,
                                converters,
                                tables.values(),
                                problem));
        if (previous != null && !Arrays.equals(previous.names(), names)) {
            LayoutChange.log(id, previous.names(), names);
        }
    }

    /**
     * Whether this relation message renames a relation already captured under another name (the
     * stream goes on with it; nothing is read again).
     */
    boolean renames(RelationMessage m) {
        TupleConverter before = byRelationId.get(m.relationId());
        return before != null
                && !before.table().info().id().equals(new TableId(m.namespace(), m.name()));
    }

    /**
     * The table of a relation message: the catalog's if it still has this relation under this name,
     * else one described by the message itself. Relation messages are historic: a lagging or
     * restored stream meets them after the table was dropped, renamed or re-created (review §5).
     */
    private CapturedTable table(RelationMessage m, TableId id) throws SQLException {
        Connection c = queryConnection.get();
        CapturedTable t = tables.find(c, id);
        if (t != null && t.info().oid() != m.relationId()) {
            tables.forget(id); // described before a DROP + CREATE or rename: look again
            t = tables.find(c, id);
        }
        if (t != null && t.info().oid() == m.relationId()) {
            return t;
        }
        LOG.info(
                "Relation {} ({}) is not in the catalog under this name any more (dropped,"
                        + " renamed or re-created since): decoding its changes with the columns"
                        + " of its relation message",
                m.relationId(),
                id);
        return tables.historic(HistoricRelation.describe(m, types, c));
    }

    /**
     * Output columns the relation no longer has: NULL from now on; returns why that cannot be (a
     * NOT NULL declared column), or null.
     */
    private static String missing(CapturedTable table, int[] outputIndex, TupleConverter previous) {
        boolean[] present = present(table, outputIndex);
        boolean[] before = previous == null ? null : present(table, previous.outputIndex());
        String problem = null;
        for (int j = 0; j < present.length; j++) {
            // A declared column the first layout lacks counts too: a historic relation (its table
            // dropped or re-created since) has no catalog type for it.
            boolean known = before == null || before[j];
            if (!present[j] && known) {
                problem =
                        first(
                                problem,
                                DroppedColumns.problem(
                                        table.info().id(),
                                        table.schema().rowType().getFields().get(j)));
            }
        }
        return problem;
    }

    private static String first(String problem, String next) {
        return problem != null ? problem : next;
    }

    private static boolean[] present(CapturedTable table, int[] outputIndex) {
        boolean[] present = new boolean[table.columnNames().size()];
        for (int j : outputIndex) {
            if (j >= 0) {
                present[j] = true;
            }
        }
        return present;
    }

    private ValueConverter changedType(CapturedTable table, int j, RelationColumn c)
            throws SQLException {
        types.load(queryConnection.get(), List.of(c.typeOid()));
        PgType now = types.type(c.typeOid(), c.typmod());
        String column = table.info().id() + "." + c.name();
        String before =
                table.columnTypes().get(j) == null
                        ? "(dropped in the catalog)"
                        : table.columnTypes().get(j).toString();
        LOG.info("Type of column {} changed from {} to {}", column, before, now);
        try {
            return ValueConverters.create(
                    now,
                    table.schema().rowType().getTypeAt(j),
                    tables.conversion(),
                    column,
                    new CatalogComposites(types::attributes));
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "Column "
                            + column
                            + " changed type from "
                            + before
                            + " to "
                            + now
                            + ", which the declared type "
                            + table.schema().rowType().getTypeAt(j)
                            + " cannot hold: "
                            + e.getMessage(),
                    e);
        }
    }

    /** The converter of a captured relation, or null when the relation is not captured. */
    TupleConverter converter(int relationId) {
        return byRelationId.get(relationId);
    }
}
