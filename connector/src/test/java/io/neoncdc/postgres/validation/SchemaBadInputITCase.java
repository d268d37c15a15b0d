package io.neoncdc.postgres.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A declared SQL schema that does not fit the table fails at start, naming column and types. */
@Timeout(120)
class SchemaBadInputITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static TestDatabase db;

    @BeforeAll
    static void setUp() {
        db = PostgresTestServer.get().createDatabase("bad_schema");
        db.execute(
                "CREATE TABLE t (id int PRIMARY KEY, name text, price numeric(12,2))",
                "ALTER TABLE t REPLICA IDENTITY FULL",
                "CREATE PUBLICATION neon_cdc_pub FOR TABLE t");
    }

    @Test
    void declaredColumnThatDoesNotExist() throws Exception {
        String messages = FailingJob.run(db, "id INT, nmae STRING", "t").messages;
        assertThat(messages)
                .contains("Column 'nmae' is declared but table public.t has no such column")
                .contains("its columns are id, name, price.")
                .contains("Remove it from the table declaration");
        assertThat(
                        db.queryValue(
                                "SELECT count(*) FROM pg_replication_slots"
                                        + " WHERE database = current_database()"))
                .as("no slot is left behind by a failed start")
                .isEqualTo("0");
    }

    @Test
    void declaredColumnWithOtherCase() throws Exception {
        assertThat(FailingJob.run(db, "id INT, Name STRING", "t").messages)
                .contains("Column 'Name' is declared but table public.t has no such column")
                .contains("Did you mean `name`? Names are case-sensitive.");
    }

    @Test
    void declaredTypeIncompatible() throws Exception {
        assertThat(FailingJob.run(db, "id INT, name INT", "t").messages)
                .contains("Column public.t.name: PostgreSQL type pg_catalog.text cannot be read as")
                .contains("the declared Flink type INT")
                .contains("declare STRING");
    }
}
