package io.neoncdc.postgres.types;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Declared types checked at job start on the JobManager, {@code binary.representation} for bytea
 * declared STRING, and PostGIS when the server has it.
 */
@Timeout(180)
class TypesAtStartITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static TestDatabase db;

    @BeforeAll
    static void setUp() {
        db = PostgresTestServer.get().createDatabase("types_at_start");
        db.execute(
                "CREATE TABLE t (id int PRIMARY KEY, b bytea, r int4range, j jsonb)",
                "ALTER TABLE t REPLICA IDENTITY FULL",
                "CREATE PUBLICATION neon_cdc_pub FOR ALL TABLES",
                "INSERT INTO t VALUES (1, '\\xfbff00', '[1,3)', '{\"a\": 1}')");
    }

    @Test
    void aDeclaredTypeThatCannotHoldTheColumnFailsAtStartOnTheJobManager() throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamTableEnvironment tEnv =
                StreamTableEnvironment.create(
                        StreamExecutionEnvironment.getExecutionEnvironment(conf));
        tEnv.executeSql(
                "CREATE TABLE s (id INT, r INT) " + db.withClause("t", "slot.name", "fails"));
        TableResult result = tEnv.executeSql("SELECT * FROM s");
        Throwable failure = null;
        try {
            result.getJobClient().orElseThrow().getJobExecutionResult().get(90, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            failure = e.getCause();
        }
        assertThat(failure).as("the job failed").isNotNull();
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString())
                .contains(
                        "Column public.t.r: PostgreSQL type pg_catalog.int4range cannot be read as"
                                + " the declared Flink type INT")
                .contains("declare STRING")
                // Thrown by the enumerator's setup, on the JobManager, before any reader ran.
                .contains("io.neoncdc.postgres.setup.SourceSetup.run")
                .doesNotContain("NeonSplitReader");
        assertThat(
                        db.queryValue(
                                "SELECT count(*) FROM pg_replication_slots WHERE slot_name ="
                                        + " 'fails'"))
                .as("it failed before the slot was created")
                .isEqualTo("0");
    }

    @Test
    void byteaDeclaredStringFollowsBinaryRepresentation() throws Exception {
        StreamTableEnvironment tEnv =
                StreamTableEnvironment.create(
                        StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(1));
        String[] representations = {"bytes", "base64", "base64-url-safe", "hex"};
        List<String> selects = new ArrayList<>();
        for (String r : representations) {
            String name = "b_" + r.replace('-', '_');
            tEnv.executeSql(
                    "CREATE TABLE "
                            + name
                            + " (id INT, b STRING) "
                            + db.withClause(
                                    "t",
                                    "slot.name",
                                    name,
                                    "scan.startup.mode",
                                    "snapshot",
                                    "binary.representation",
                                    r));
            selects.add("SELECT '" + r + "', b FROM " + name);
        }
        List<String> rows = new ArrayList<>();
        try (CloseableIterator<Row> it =
                tEnv.executeSql(String.join(" UNION ALL ", selects)).collect()) {
            it.forEachRemaining(row -> rows.add(row.getField(0) + "=" + row.getField(1)));
        }
        assertThat(rows)
                .containsExactlyInAnyOrder(
                        "bytes=\\xfbff00", "base64=+/8A", "base64-url-safe=-_8A", "hex=fbff00");
    }

    @Test
    void postgisGeometryAsEwkbHex() throws Exception {
        Assumptions.assumeTrue(
                !db.queryRows("SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'")
                        .isEmpty(),
                "PostGIS is not installed on the test server (the embedded binaries do not ship"
                        + " it); its conversion is the text form, covered by ConvertITCase when"
                        + " present");
        db.execute(
                "CREATE EXTENSION IF NOT EXISTS postgis",
                "CREATE TABLE geo (id int PRIMARY KEY, g geometry, h geography)",
                "ALTER TABLE geo REPLICA IDENTITY FULL",
                "INSERT INTO geo VALUES (1, 'SRID=4326;POINT(1 2)', 'SRID=4326;POINT(1 2)')");
        RowsById job =
                new RowsById(
                        "CREATE TABLE t (id INT, g STRING, h STRING) "
                                + db.withClause("geo", "slot.name", "geo"));
        String point = "0101000020E6100000000000000000F03F0000000000000040";
        var rows =
                job.collect(
                        List.of(1),
                        () ->
                                db.execute(
                                        "INSERT INTO geo VALUES (2, 'SRID=4326;POINT(1 2)',"
                                                + " 'SRID=4326;POINT(1 2)')"),
                        List.of(2));
        for (int id : new int[] {1, 2}) {
            assertThat(rows.get(id).getField(1)).isEqualTo(point);
            assertThat(rows.get(id).getField(2)).isEqualTo(point);
        }
    }
}
