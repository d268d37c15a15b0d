package io.neoncdc.postgres.snapshot;

import io.neoncdc.postgres.catalog.ColumnInfo;
import io.neoncdc.postgres.catalog.PgType;
import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.catalog.TableInfo;
import io.neoncdc.postgres.config.NeonPostgresOptions;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import io.neoncdc.postgres.event.ChangeEvent;
import io.neoncdc.postgres.event.Op;
import io.neoncdc.postgres.schema.CapturedTable;
import io.neoncdc.postgres.schema.CapturedTables;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.StringData;

/** Captured tables and changes for driving {@link SnapshotStreamFilter} without a database. */
final class FilterFixtures {
    static final PgType INT8 = PgType.builtin(20, "int8", -1);
    static final PgType TEXT = PgType.builtin(25, "text", -1);

    private FilterFixtures() {}

    static NeonPostgresSourceConfig config() {
        Configuration options = new Configuration();
        options.set(NeonPostgresOptions.HOSTNAME, "localhost");
        options.set(NeonPostgresOptions.USERNAME, "cdc");
        options.set(NeonPostgresOptions.DATABASE_NAME, "shop");
        options.set(NeonPostgresOptions.TABLE_NAME, ".*");
        return NeonPostgresSourceConfig.fromOptions(options).build();
    }

    /** {@code (id <keyType> primary key, name text)}; a text key collates as given. */
    static CapturedTable table(TableId id, PgType keyType, boolean byteOrderKey) {
        String collation = keyType == TEXT ? "\"pg_catalog\".\"default\"" : null;
        TableInfo info =
                new TableInfo(
                        id,
                        16384,
                        'r',
                        'f',
                        List.of(
                                new ColumnInfo("id", keyType, true, collation, byteOrderKey),
                                new ColumnInfo(
                                        "name", TEXT, false, "\"pg_catalog\".\"default\"", false)),
                        List.of("id"),
                        List.of("id"),
                        1000,
                        10);
        return new CapturedTables(config()).build(info);
    }

    static GenericRowData row(long id) {
        return GenericRowData.of(id, StringData.fromString("row " + id));
    }

    /** The key texts of a change: old and new key as pgoutput carries them. */
    static StreamFilter.KeyText keys(Object before, Object after) {
        return new StreamFilter.KeyText() {
            @Override
            public String[] before(List<String> columns) {
                return new String[] {String.valueOf(before)};
            }

            @Override
            public String[] after(List<String> columns) {
                return new String[] {String.valueOf(after)};
            }
        };
    }

    /** The ops and key values of the events, e.g. {@code "DELETE 50"}. */
    static List<String> describe(List<ChangeEvent> events) {
        return events.stream()
                .map(
                        e ->
                                e.op()
                                        + " "
                                        + (e.op() == Op.DELETE
                                                ? e.before().getLong(0)
                                                : e.after().getLong(0)))
                .collect(Collectors.toList());
    }
}
