package io.neoncdc.postgres.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.NeonPostgresSource;
import io.neoncdc.postgres.event.ChangeEvent;
import io.neoncdc.postgres.event.ChangeEventDeserializer;
import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DataStream source built with {@code tableListFile} captures exactly the two tables of a CSV
 * file (one of them with a comma and a dot in its name), by snapshot and by stream, and nothing
 * from same-named tables in other schemas.
 */
@Timeout(300)
class TableListFileITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static TestDatabase db;

    @BeforeAll
    static void setUp() {
        db = PostgresTestServer.get().createDatabase("table_list_file");
        db.execute(
                "CREATE SCHEMA sales",
                "CREATE SCHEMA \"odd.schema\"",
                "CREATE TABLE public.orders (id int PRIMARY KEY, v text)",
                "CREATE TABLE sales.orders (id int PRIMARY KEY, v text)",
                "CREATE TABLE \"odd.schema\".\"items,v2\" (id int PRIMARY KEY, v text)",
                "ALTER TABLE public.orders REPLICA IDENTITY FULL",
                "ALTER TABLE sales.orders REPLICA IDENTITY FULL",
                "ALTER TABLE \"odd.schema\".\"items,v2\" REPLICA IDENTITY FULL",
                "INSERT INTO public.orders VALUES (1, 'a'), (2, 'b')",
                "INSERT INTO sales.orders VALUES (10, 'not captured')",
                "INSERT INTO \"odd.schema\".\"items,v2\" VALUES (7, 'x')");
    }

    @AfterAll
    static void dropSlot() {
        db.dropIdleSlots();
    }

    @Test
    void capturesTheTablesOfTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tables.csv");
        Files.write(
                file,
                List.of(
                        "# captured tables",
                        "public,orders",
                        "",
                        "\"odd.schema\",\"items,v2\"",
                        "public.orders"),
                StandardCharsets.UTF_8);
        NeonPostgresSource<String> source =
                NeonPostgresSource.<String>builder()
                        .hostname(db.server().host())
                        .port(db.server().port())
                        .username(db.server().user())
                        .password(db.server().password())
                        .database(db.name())
                        .option("ssl.mode", db.server().sslMode())
                        .slotName(db.name())
                        .tableListFile(file)
                        .deserializer(new Names())
                        .build();
        assertThat(source.config().tableList())
                .containsExactly(
                        new TableId("public", "orders"), new TableId("odd.schema", "items,v2"));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        try (CloseableIterator<String> it =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "cdc")
                        .executeAndCollect("table list file")) {
            assertThat(take(it, 3))
                    .containsExactlyInAnyOrder(
                            "public.orders r 1", "public.orders r 2", "odd.schema.items,v2 r 7");
            db.execute(
                    "INSERT INTO sales.orders VALUES (11, 'not captured')",
                    "INSERT INTO public.orders VALUES (3, 'c')",
                    "INSERT INTO sales.orders VALUES (12, 'not captured')",
                    "DELETE FROM \"odd.schema\".\"items,v2\" WHERE id = 7");
            assertThat(take(it, 2)).containsExactly("public.orders c 3", "odd.schema.items,v2 d 7");
        }
    }

    @Test
    void sqlTableListCapturesExactlyTheListedTables() throws Exception {
        StreamTableEnvironment tEnv =
                StreamTableEnvironment.create(
                        StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(1));
        tEnv.executeSql(
                "CREATE TABLE t (id INT, v STRING, tbl STRING METADATA FROM 'table_name' VIRTUAL) "
                        + db.withClause(
                                        "unused",
                                        "scan.startup.mode",
                                        "snapshot",
                                        "slot.name",
                                        db.name() + "_sql")
                                .replace(
                                        "'table-name' = 'unused'",
                                        "'table-list' = 'public.orders,"
                                                + " \"odd.schema\".\"items,v2\"'"));
        List<String> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = tEnv.executeSql("SELECT tbl, id FROM t").collect()) {
            it.forEachRemaining(r -> rows.add(r.getField(0) + " " + r.getField(1)));
        }
        assertThat(rows)
                .as("the other test method may have changed the rows: compare with the tables")
                .containsExactlyInAnyOrderElementsOf(
                        db.queryRows(
                                "SELECT 'orders ' || id FROM public.orders UNION ALL"
                                        + " SELECT 'items,v2 ' || id FROM"
                                        + " \"odd.schema\".\"items,v2\""))
                .contains("orders 1");
    }

    private static List<String> take(CloseableIterator<String> it, int n) {
        List<String> rows = new ArrayList<>();
        while (rows.size() < n) {
            rows.add(it.next());
        }
        return rows;
    }

    /** {@code schema.table op id}. */
    private static final class Names implements ChangeEventDeserializer<String> {
        @Override
        public void deserialize(ChangeEvent event, Collector<String> out) {
            RowData row = event.after() != null ? event.after() : event.before();
            out.collect(event.tableId() + " " + event.op().code() + " " + row.getInt(0));
        }

        @Override
        public TypeInformation<String> getProducedType() {
            return Types.STRING;
        }
    }
}
