package io.neoncdc.postgres.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Names with semicolons, quotes, spaces and upper case (tables, schema, column, publication) are
 * captured through snapshot and stream, and never run as SQL.
 */
class IdentifierQuotingBadInputITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static final String INJECTING = "x; DROP TABLE y";
    private static final String QUOTED = "Mixed \"Q\" Name";
    private static final String SCHEMA = "We ird";
    private static final String PUBLICATION = "My \"Pub\"; --";

    private static TestDatabase db;

    @BeforeAll
    static void setUp() {
        db = PostgresTestServer.get().createDatabase("bad_identifiers");
        String injecting = "public." + quote(INJECTING);
        String quoted = quote(SCHEMA) + "." + quote(QUOTED);
        db.execute(
                "CREATE TABLE y (id int)",
                "INSERT INTO y VALUES (42)",
                "CREATE SCHEMA " + quote(SCHEMA),
                "CREATE TABLE " + injecting + " (id int PRIMARY KEY, \"Val ue\" text)",
                "CREATE TABLE " + quoted + " (id int PRIMARY KEY, \"Val ue\" text)",
                "ALTER TABLE " + injecting + " REPLICA IDENTITY FULL",
                "ALTER TABLE " + quoted + " REPLICA IDENTITY FULL",
                "INSERT INTO " + injecting + " VALUES (1, 'snapshot; DROP TABLE y')",
                "INSERT INTO " + quoted + " VALUES (1, 'snapshot \"q\"')",
                "CREATE PUBLICATION "
                        + quote(PUBLICATION)
                        + " FOR TABLE "
                        + injecting
                        + ", "
                        + quoted);
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Test
    @Timeout(120)
    void oddNamesAreCapturedAndNeverExecuted() throws Exception {
        StreamTableEnvironment tEnv =
                StreamTableEnvironment.create(
                        StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(1));
        tEnv.executeSql(
                "CREATE TABLE t (id INT, `Val ue` STRING,"
                        + " sch STRING METADATA FROM 'schema_name' VIRTUAL,"
                        + " tbl STRING METADATA FROM 'table_name' VIRTUAL) "
                        + db.withClause(
                                "\\Q" + INJECTING + "\\E|\\Q" + QUOTED + "\\E",
                                "schema-name",
                                "public|\\Q" + SCHEMA + "\\E",
                                "publication.name",
                                PUBLICATION));
        TableResult result = tEnv.executeSql("SELECT * FROM t");
        List<String> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = result.collect()) {
            rows.add(it.next().toString());
            rows.add(it.next().toString());
            db.execute(
                    "INSERT INTO public." + quote(INJECTING) + " VALUES (2, 'stream')",
                    "INSERT INTO " + quote(SCHEMA) + "." + quote(QUOTED) + " VALUES (2, 'stream')");
            rows.add(it.next().toString());
            rows.add(it.next().toString());
            result.getJobClient().orElseThrow().cancel().get();
        }
        assertThat(rows)
                .containsExactlyInAnyOrder(
                        "+I[1, snapshot; DROP TABLE y, public, x; DROP TABLE y]",
                        "+I[1, snapshot \"q\", We ird, Mixed \"Q\" Name]",
                        "+I[2, stream, public, x; DROP TABLE y]",
                        "+I[2, stream, We ird, Mixed \"Q\" Name]");
        assertThat(db.queryValue("SELECT id FROM y")).isEqualTo("42");
    }
}
