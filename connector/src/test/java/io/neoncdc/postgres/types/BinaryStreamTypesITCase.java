package io.neoncdc.postgres.types;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import io.neoncdc.postgres.schema.CapturedTable;
import io.neoncdc.postgres.schema.CapturedTables;
import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.utils.LogicalTypeParser;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The stream without a snapshot filter uses pgoutput binary values on PostgreSQL 14+ (text before):
 * every type with a binary converter arrives with the same expected values as in text mode.
 */
@Timeout(180)
class BinaryStreamTypesITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    @Test
    void everyBinaryCapableTypeStreamsTheExpectedValues() throws Exception {
        int version = PostgresTestServer.get().serverVersionNum();
        TestDatabase db = PostgresTestServer.get().createDatabase("binary_types");
        db.execute(TypeColumns.SETUP);
        AllTypesTable probe = new AllTypesTable("probe", TypeColumns.forServer(version));
        db.execute(probe.create(), "CREATE PUBLICATION neon_cdc_pub FOR ALL TABLES");
        AllTypesTable table = new AllTypesTable("binary_types", binaryColumns(db, probe));
        assertThat(table.columns).hasSizeGreaterThan(probe.columns.size() * 2 / 3);
        db.execute(table.create(), "ALTER TABLE binary_types REPLICA IDENTITY FULL");
        db.createSlot("binary_types");

        RowsById job =
                new RowsById(
                        "CREATE TABLE t ("
                                + table.flinkColumns(null)
                                + ") "
                                + db.withClause(
                                        "binary_types",
                                        "slot.name",
                                        "binary_types",
                                        "scan.startup.mode",
                                        "committed-offset",
                                        "binary.representation",
                                        "base64"));
        db.execute(table.insertSamples(1), table.insertNulls(2));
        Map<Integer, Row> rows = job.collect(List.of(1, 2), () -> {}, List.of());
        List<String> names = table.columns.stream().map(c -> c.name).collect(Collectors.toList());
        assertThat(RowsById.fields(rows.get(1), names))
                .containsExactlyElementsOf(table.expectedSamples());
        assertThat(RowsById.fields(rows.get(2), names))
                .containsExactlyElementsOf(table.expectedNulls());
    }

    @Test
    void aTextOnlyColumnSwitchesTheSessionToTextWithoutLosingOrRepeatingEvents() throws Exception {
        TestDatabase db = PostgresTestServer.get().createDatabase("binary_switch");
        db.execute(
                "CREATE TABLE mixed (id int PRIMARY KEY, n int, r int4range)",
                "ALTER TABLE mixed REPLICA IDENTITY FULL",
                "CREATE PUBLICATION neon_cdc_pub FOR TABLE mixed");
        db.createSlot("binary_switch");
        db.executeInTransaction(
                "INSERT INTO mixed VALUES (1, 1, '[1,2)')",
                "INSERT INTO mixed VALUES (2, 2, NULL)",
                "UPDATE mixed SET n = 20 WHERE id = 2");
        db.execute("INSERT INTO mixed VALUES (3, 3, '(,5]')");
        StreamTableEnvironment tEnv =
                StreamTableEnvironment.create(
                        StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(1));
        tEnv.executeSql(
                "CREATE TABLE t (id INT, n INT, r STRING) "
                        + db.withClause(
                                "mixed",
                                "slot.name",
                                "binary_switch",
                                "scan.startup.mode",
                                "committed-offset"));
        List<String> rows = new ArrayList<>();
        TableResult result = tEnv.executeSql("SELECT * FROM t");
        try (CloseableIterator<Row> it = result.collect()) {
            while (rows.size() < 5) {
                rows.add(it.next().toString());
            }
            db.execute("INSERT INTO mixed VALUES (4, 4, 'empty')");
            rows.add(it.next().toString());
            result.getJobClient().orElseThrow().cancel().get();
        }
        assertThat(rows)
                .containsExactly(
                        "+I[1, 1, [1,2)]",
                        "+I[2, 2, null]",
                        "-U[2, 2, null]",
                        "+U[2, 20, null]",
                        "+I[3, 3, (,6)]",
                        "+I[4, 4, empty]");
    }

    /** The columns whose converter (as the reader builds it) reads pgoutput binary values. */
    private static List<TypeColumn> binaryColumns(TestDatabase db, AllTypesTable probe)
            throws Exception {
        Map<String, String> options = new java.util.HashMap<>(db.connectionOptions());
        options.put("table-name", "probe");
        RowType declared =
                (RowType)
                        LogicalTypeParser.parse(
                                "ROW<" + probe.flinkColumns(null) + ">",
                                BinaryStreamTypesITCase.class.getClassLoader());
        NeonPostgresSourceConfig config =
                NeonPostgresSourceConfig.fromOptions(Configuration.fromMap(options))
                        .declaredSchema(declared, List.of())
                        .build();
        List<TypeColumn> result = new ArrayList<>();
        try (Connection c = db.connect()) {
            CapturedTable t = new CapturedTables(config).get(c, new TableId("public", "probe"));
            for (TypeColumn column : probe.columns) {
                if (t.converters()[t.indexOf(column.name)].hasBinary()) {
                    result.add(column);
                }
            }
        }
        return result;
    }
}
