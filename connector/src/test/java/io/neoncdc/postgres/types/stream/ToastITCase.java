package io.neoncdc.postgres.types.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An update that leaves a TOASTed value (incompressible, stored out of line, written before the job
 * started) unchanged: REPLICA IDENTITY FULL, and each {@code toast.unchanged-value}.
 */
@Timeout(180)
class ToastITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    /** 8 kB of random hex: pglz cannot shrink it, so it is stored out of line uncompressed. */
    static final String BIG =
            "(SELECT string_agg(md5(random()::text), '') FROM generate_series(1, 256))";

    private static TestDatabase db;

    @BeforeAll
    static void setUp() {
        db = PostgresTestServer.get().createDatabase("toast");
        db.execute("CREATE PUBLICATION neon_cdc_pub FOR ALL TABLES");
        for (String t :
                new String[] {
                    "full_t", "fill_t", "all_fill_t", "move_t", "placeholder_t", "null_t", "fail_t"
                }) {
            db.execute(
                    "CREATE TABLE " + t + " (id int PRIMARY KEY, n int, big text, bin bytea)",
                    "INSERT INTO " + t + " VALUES (1, 0, " + BIG + ", '\\x01')");
        }
        db.execute("ALTER TABLE full_t REPLICA IDENTITY FULL");
        assertThat(
                        db.queryValue(
                                "SELECT pg_column_size(big) >= octet_length(big)"
                                        + " AND octet_length(big) > 2048 FROM fill_t"))
                .as("the value is large and not compressed, so it lives out of line")
                .isEqualTo("t");
    }

    private static String table(String name, String... options) {
        String[] all = new String[options.length + 2];
        all[0] = "slot.name";
        all[1] = name;
        System.arraycopy(options, 0, all, 2, options.length);
        return "CREATE TABLE t (id INT, n INT, big STRING, PRIMARY KEY (id) NOT ENFORCED) "
                + db.withClause(name, all);
    }

    /** id, n and the value's md5 (or the value itself when short). */
    private static final String QUERY =
            "SELECT id, n, CASE WHEN CHAR_LENGTH(big) > 100 THEN MD5(big) ELSE big END FROM t";

    /** The md5 of the large value of row 1 (each table has its own random value). */
    private static String hashOf(String table) {
        return db.queryValue("SELECT md5(big) FROM " + table + " WHERE id = 1");
    }

    private List<String> updateN(String name, String... options) throws Exception {
        return new SqlChanges(table(name, options))
                .collect(
                        QUERY,
                        r -> r.startsWith("+I[1,"),
                        () -> db.execute("UPDATE " + name + " SET n = 1 WHERE id = 1"),
                        r -> r.startsWith("+U[1, 1,"));
    }

    @Test
    void replicaIdentityFullTakesTheValueFromTheOldRow() throws Exception {
        String bigHash = hashOf("full_t");
        assertThat(updateN("full_t"))
                .containsExactly(
                        "+I[1, 0, " + bigHash + "]",
                        "-U[1, 0, " + bigHash + "]",
                        "+U[1, 1, " + bigHash + "]");
    }

    @Test
    void upsertFillsTheLastKnownValueByDefault() throws Exception {
        String bigHash = hashOf("fill_t");
        List<String> rows =
                new SqlChanges(table("fill_t", "changelog-mode", "upsert"))
                        .collect(
                                QUERY,
                                r -> r.startsWith("+I[1,"),
                                () ->
                                        db.execute(
                                                "UPDATE fill_t SET n = 1 WHERE id = 1",
                                                "INSERT INTO fill_t VALUES (2, 0, 'short', NULL)",
                                                "UPDATE fill_t SET big = " + BIG + " WHERE id = 2",
                                                "UPDATE fill_t SET n = 1 WHERE id = 2",
                                                "UPDATE fill_t SET n = 2 WHERE id = 2"),
                                r -> r.startsWith("+U[2, 2,"));
        String big2 = db.queryValue("SELECT md5(big) FROM fill_t WHERE id = 2");
        assertThat(rows)
                .containsExactly(
                        "+I[1, 0, " + bigHash + "]",
                        "-U[1, 0, " + bigHash + "]",
                        "+U[1, 1, " + bigHash + "]",
                        "+I[2, 0, short]",
                        "-U[2, 0, short]",
                        "+U[2, 0, " + big2 + "]",
                        "-U[2, 0, " + big2 + "]",
                        "+U[2, 1, " + big2 + "]",
                        "-U[2, 1, " + big2 + "]",
                        "+U[2, 2, " + big2 + "]");
    }

    @Test
    void defaultIdentityInAllModeFillsFromStateByDefault() throws Exception {
        String bigHash = hashOf("all_fill_t");
        assertThat(updateN("all_fill_t"))
                .containsExactly(
                        "+I[1, 0, " + bigHash + "]",
                        "-U[1, 0, " + bigHash + "]",
                        "+U[1, 1, " + bigHash + "]");
    }

    @Test
    void keyChangeLeavingAToastedValueUnchangedFailsWithTheFix() throws Exception {
        Throwable failure =
                new SqlChanges(table("move_t"))
                        .failure(
                                QUERY,
                                r -> r.startsWith("+I[1,"),
                                () -> db.execute("UPDATE move_t SET id = 5 WHERE id = 1"));
        assertThat(SqlChanges.messages(failure))
                .contains("Table \"public\".\"move_t\": an update changed the key of a row")
                .contains("ALTER TABLE \"public\".\"move_t\" REPLICA IDENTITY FULL");
    }

    @Test
    void placeholderMarksTheValue() throws Exception {
        String bigHash = hashOf("placeholder_t");
        assertThat(
                        updateN(
                                "placeholder_t",
                                "changelog-mode",
                                "upsert",
                                "toast.unchanged-value",
                                "placeholder",
                                "toast.placeholder",
                                "<unchanged>"))
                .containsExactly(
                        "+I[1, 0, " + bigHash + "]",
                        "-U[1, 0, " + bigHash + "]",
                        "+U[1, 1, <unchanged>]");
    }

    @Test
    void nullWhenAsked() throws Exception {
        String bigHash = hashOf("null_t");
        assertThat(updateN("null_t", "changelog-mode", "upsert", "toast.unchanged-value", "null"))
                .containsExactly(
                        "+I[1, 0, " + bigHash + "]", "-U[1, 0, " + bigHash + "]", "+U[1, 1, null]");
    }

    @Test
    void failNamesTheColumnTableAndLsn() throws Exception {
        Throwable failure =
                new SqlChanges(
                                table(
                                        "fail_t",
                                        "changelog-mode",
                                        "upsert",
                                        "toast.unchanged-value",
                                        "fail"))
                        .failure(
                                QUERY,
                                r -> r.startsWith("+I[1,"),
                                () -> db.execute("UPDATE fail_t SET n = 1 WHERE id = 1"));
        assertThat(SqlChanges.messages(failure))
                .contains("Column 'big' of table public.fail_t at LSN ")
                .contains("unchanged TOASTed value")
                .contains("ALTER TABLE \"public\".\"fail_t\" REPLICA IDENTITY FULL");
    }

    @Test
    void placeholderForAColumnNotDeclaredStringFailsAtStart() throws Exception {
        String ddl =
                "CREATE TABLE t (id INT, n INT, bin BYTES, PRIMARY KEY (id) NOT ENFORCED) "
                        + db.withClause(
                                "null_t",
                                "slot.name",
                                "placeholder_bytes",
                                "changelog-mode",
                                "upsert",
                                "toast.unchanged-value",
                                "placeholder");
        Throwable failure = new SqlChanges(ddl).failure("SELECT * FROM t", r -> true, () -> {});
        assertThat(SqlChanges.messages(failure))
                .contains("'toast.unchanged-value' = 'placeholder'")
                .contains("not declared STRING: bin BYTES")
                .contains("public.null_t");
    }
}
