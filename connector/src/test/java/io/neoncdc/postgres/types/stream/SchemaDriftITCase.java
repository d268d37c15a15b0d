package io.neoncdc.postgres.types.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** DDL while the job streams: added, retyped, dropped and renamed columns of a declared table. */
@Timeout(180)
class SchemaDriftITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static TestDatabase db;

    @BeforeAll
    static void setUp() {
        db = PostgresTestServer.get().createDatabase("schema_drift");
        db.execute("CREATE PUBLICATION neon_cdc_pub FOR ALL TABLES");
        for (String t : new String[] {"drift", "not_null", "retype"}) {
            db.execute(
                    "CREATE TABLE " + t + " (id int PRIMARY KEY, w int, b text, r text)",
                    "ALTER TABLE " + t + " REPLICA IDENTITY FULL",
                    "INSERT INTO " + t + " VALUES (1, 1, 'b1', 'r1')");
        }
    }

    private static String table(String name, String columns) {
        return "CREATE TABLE t (" + columns + ") " + db.withClause(name, "slot.name", name);
    }

    @Test
    void addedRetypedDroppedAndRenamedColumns() throws Exception {
        SqlChanges job = new SqlChanges(table("drift", "id INT, w BIGINT, b STRING, r STRING"));
        assertThat(
                        job.collect(
                                "SELECT * FROM t",
                                row -> row.startsWith("+I[1,"),
                                () ->
                                        db.execute(
                                                "ALTER TABLE drift ADD COLUMN extra text",
                                                "INSERT INTO drift VALUES (2, 2, 'b2', 'r2', 'x')",
                                                "ALTER TABLE drift ALTER COLUMN w TYPE bigint",
                                                "INSERT INTO drift VALUES (3, 3000000000, 'b3',"
                                                        + " 'r3', 'x')",
                                                "ALTER TABLE drift DROP COLUMN b",
                                                "INSERT INTO drift VALUES (4, 4, 'r4', 'x')",
                                                "ALTER TABLE drift RENAME COLUMN r TO r_new",
                                                "INSERT INTO drift VALUES (5, 5, 'r5', 'x')"),
                                row -> row.startsWith("+I[5,")))
                .containsExactly(
                        "+I[1, 1, b1, r1]",
                        "+I[2, 2, b2, r2]",
                        "+I[3, 3000000000, b3, r3]",
                        "+I[4, 4, null, r4]",
                        "+I[5, 5, null, null]");
    }

    @Test
    void aDroppedColumnDeclaredNotNullFails() throws Exception {
        Throwable failure =
                new SqlChanges(table("not_null", "id INT, w INT, b STRING NOT NULL"))
                        .failure(
                                "SELECT * FROM t",
                                row -> row.startsWith("+I[1,"),
                                () ->
                                        db.execute(
                                                "ALTER TABLE not_null DROP COLUMN b",
                                                "INSERT INTO not_null VALUES (2, 2, 'r2')"));
        assertThat(SqlChanges.messages(failure))
                .contains("Column public.not_null.b was dropped (or renamed) in PostgreSQL")
                .contains("declared STRING NOT NULL");
    }

    @Test
    void aTypeChangeTheDeclaredTypeCannotHoldFails() throws Exception {
        Throwable failure =
                new SqlChanges(table("retype", "id INT, w INT"))
                        .failure(
                                "SELECT * FROM t",
                                row -> row.startsWith("+I[1,"),
                                () ->
                                        db.execute(
                                                "ALTER TABLE retype ALTER COLUMN w TYPE"
                                                        + " int4range USING int4range(w, w + 1)",
                                                "INSERT INTO retype VALUES (2, '[2,3)')"));
        assertThat(SqlChanges.messages(failure))
                .contains("Column public.retype.w changed type from int4 to int4range")
                .contains("which the declared type INT cannot hold");
    }
}
