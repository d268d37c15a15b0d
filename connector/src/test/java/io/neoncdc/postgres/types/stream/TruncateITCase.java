package io.neoncdc.postgres.types.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** TRUNCATE of a captured table: fails by default, is skipped when asked. */
@Timeout(120)
class TruncateITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static TestDatabase db;

    @BeforeAll
    static void setUp() {
        db = PostgresTestServer.get().createDatabase("truncate");
        db.execute("CREATE PUBLICATION neon_cdc_pub FOR ALL TABLES");
        for (String t : new String[] {"tr_fail", "tr_skip"}) {
            db.execute(
                    "CREATE TABLE " + t + " (id int PRIMARY KEY, v text)",
                    "ALTER TABLE " + t + " REPLICA IDENTITY FULL",
                    "INSERT INTO " + t + " VALUES (1, 'a')");
        }
    }

    private static String table(String name, String... options) {
        String[] all = new String[options.length + 2];
        all[0] = "slot.name";
        all[1] = name;
        System.arraycopy(options, 0, all, 2, options.length);
        return "CREATE TABLE t (id INT, v STRING) " + db.withClause(name, all);
    }

    @Test
    void failsByDefaultAndSaysWhy() throws Exception {
        Throwable failure =
                new SqlChanges(table("tr_fail"))
                        .failure(
                                "SELECT * FROM t",
                                row -> row.startsWith("+I[1,"),
                                () -> db.execute("TRUNCATE tr_fail"));
        assertThat(SqlChanges.messages(failure))
                .contains("TRUNCATE of captured table public.tr_fail at LSN ")
                .contains("cannot be emitted as deletes")
                .contains("'truncate.action' = 'skip'");
    }

    @Test
    void skippedWhenAsked() throws Exception {
        assertThat(
                        new SqlChanges(table("tr_skip", "truncate.action", "skip"))
                                .collect(
                                        "SELECT * FROM t",
                                        row -> row.startsWith("+I[1,"),
                                        () ->
                                                db.execute(
                                                        "TRUNCATE tr_skip",
                                                        "INSERT INTO tr_skip VALUES (2, 'b')"),
                                        row -> row.startsWith("+I[2,")))
                .containsExactly("+I[1, a]", "+I[2, b]");
    }
}
