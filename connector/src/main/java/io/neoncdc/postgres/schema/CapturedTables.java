package io.neoncdc.postgres.schema;

import io.neoncdc.postgres.catalog.CatalogReader;
import io.neoncdc.postgres.catalog.ColumnInfo;
import io.neoncdc.postgres.catalog.PgType;
import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.catalog.TableInfo;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import io.neoncdc.postgres.config.ValueHandling;
import io.neoncdc.postgres.convert.CompositeTypes;
import io.neoncdc.postgres.convert.ConversionOptions;
import io.neoncdc.postgres.convert.ValueConverter;
import io.neoncdc.postgres.convert.ValueConverters;
import io.neoncdc.postgres.event.CapturedTableSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;

/**
 * Builds the output schema of captured tables: the declared SQL schema matched to PostgreSQL
 * columns by name, or every column with its default Flink type when nothing is declared.
 */
@Internal
public final class CapturedTables {
    private final NeonPostgresSourceConfig config;
    private final ConversionOptions conversion;
    private final Map<TableId, CapturedTable> tables = new HashMap<>();

    public CapturedTables(NeonPostgresSourceConfig config) {
        this.config = config;
        this.conversion = config.values().conversion();
    }

    /** The table, described from the catalog on first use (reader's fetcher thread). */
    public CapturedTable get(Connection connection, TableId id) throws SQLException {
        CapturedTable t = find(connection, id);
        if (t == null) {
            throw new IllegalStateException(
                    "Table "
                            + id
                            + " was dropped or renamed while being captured: it no longer"
                            + " exists in database '"
                            + config.connection().database()
                            + "'.");
        }
        return t;
    }

    /**
     * The table with this name as the catalog describes it (on first use, then cached), or null
     * when no table has this name now. Reader's fetcher thread.
     */
    public CapturedTable find(Connection connection, TableId id) throws SQLException {
        CapturedTable t = tables.get(id);
        if (t == null) {
            CatalogReader catalog = new CatalogReader(connection, config.publicationName());
            List<TableInfo> infos =
                    catalog.describe(catalog.relation(id).map(List::of).orElse(List.of()));
            if (infos.isEmpty()) {
                return null;
            }
            for (RowType.RowField field : declaredFields(infos.get(0))) {
                if (infos.get(0).column(field.getName()).isEmpty()) {
                    DroppedColumns.check(infos.get(0).id(), field);
                }
            }
            t = build(infos.get(0), false);
            tables.put(id, t);
        }
        return t;
    }

    /** Forgets the cached description of a name that now belongs to another relation. */
    public void forget(TableId id) {
        tables.remove(id);
    }

    /**
     * A table described by what the WAL says about it (a relation that no longer exists under its
     * name: dropped, renamed, or re-created since): the declared schema is matched by name as
     * always, a declared column it lacks is NULL (the stream decides whether that may be). Not
     * cached.
     */
    public CapturedTable historic(TableInfo info) {
        return build(info, false);
    }

    private List<RowType.RowField> declaredFields(TableInfo info) {
        RowType declared = config.declaredRowType(info.id());
        return declared == null ? List.of() : declared.getFields();
    }

    /**
     * Builds (and caches) the table from already loaded metadata at job start: every declared
     * column must exist and fit.
     */
    public CapturedTable build(TableInfo info) {
        CapturedTable table = build(info, true);
        tables.put(info.id(), table);
        ToastChecks.checkPlaceholderColumns(config.values(), table);
        return table;
    }

    /**
     * @param strict false once the job runs: a declared column dropped since the start is read as
     *     NULL (it cannot be if declared NOT NULL)
     */
    private CapturedTable build(TableInfo info, boolean strict) {
        RowType declared = config.declaredRowType(info.id());
        List<String> names = new ArrayList<>();
        List<LogicalType> types = new ArrayList<>();
        List<PgType> pgTypes = new ArrayList<>();
        UnpublishedColumns.check(config, info, declared, strict);
        if (declared != null) {
            for (RowType.RowField field : declared.getFields()) {
                if (!strict && info.column(field.getName()).isEmpty()) {
                    names.add(field.getName());
                    types.add(field.getType());
                    pgTypes.add(null);
                    continue;
                }
                ColumnInfo column =
                        info.column(field.getName())
                                .orElseThrow(
                                        () ->
                                                new ValidationException(
                                                        "Column '"
                                                                + field.getName()
                                                                + "' is declared but table "
                                                                + info.id()
                                                                + " has no such column; its"
                                                                + " columns are "
                                                                + info.columns()));
                names.add(field.getName());
                types.add(field.getType());
                pgTypes.add(column.type());
            }
        } else {
            for (ColumnInfo column : info.columns()) {
                names.add(column.name());
                types.add(ValueConverters.defaultType(column.type()).copy(!column.notNull()));
                pgTypes.add(column.type());
            }
        }
        ValueConverter[] converters = new ValueConverter[names.size()];
        CompositeTypes composites = new CatalogComposites(info::compositeAttributes);
        String[] unreadable = new String[converters.length];
        for (int i = 0; i < converters.length; i++) {
            if (pgTypes.get(i) == null) {
                continue; // dropped since the job started: always NULL
            }
            try {
                converters[i] =
                        ValueConverters.create(
                                pgTypes.get(i),
                                types.get(i),
                                conversion,
                                info.id() + "." + names.get(i),
                                composites);
            } catch (ValidationException e) {
                if (strict) {
                    throw e;
                }
                // Checked at start; changed since. The stream decides by the type its relation
                // message announces, a chunk read fails (RelationRegistry, ChunkQuery).
                unreadable[i] = e.getMessage();
            }
        }
        RowType rowType =
                RowType.of(types.toArray(new LogicalType[0]), names.toArray(new String[0]));
        List<String> key =
                !info.primaryKey().isEmpty() ? info.primaryKey() : info.replicaIdentityKey();
        CapturedTableSchema schema =
                new CapturedTableSchema(
                        config.connection().database(),
                        info.id(),
                        rowType,
                        key,
                        info.replicaIdentityKey(),
                        pgTypes,
                        config.topicNaming());
        return new CapturedTable(info, schema, pgTypes, converters, unreadable);
    }

    public ValueHandling values() {
        return config.values();
    }

    public ConversionOptions conversion() {
        return conversion;
    }
}
