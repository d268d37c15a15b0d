package io.neoncdc.postgres.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The script of {@code setup-sql}, run by a superuser on a fresh database, is a working setup:
 * {@code validate} as the role it creates passes every item.
 */
@Timeout(180)
class SetupSqlITCase {
    private static TestDatabase db;

    @BeforeAll
    static void setUp() {
        db = PostgresTestServer.get().createDatabase("cli_setup");
        db.execute(
                "CREATE SCHEMA \"Sales\"",
                "CREATE TABLE public.orders (id int PRIMARY KEY, v text)",
                "CREATE TABLE \"Sales\".\"Customer List\" (id int PRIMARY KEY, name text)",
                "CREATE TABLE public.not_captured (id int PRIMARY KEY)");
    }

    @AfterAll
    static void dropSlots() {
        db.dropIdleSlots();
    }

    @Test
    void theScriptProducesASetupThatValidates() {
        // Roles belong to the whole server: one per database keeps runs apart.
        String role = db.name() + "_role";
        Map<String, String> options =
                CliRoles.options(
                        db,
                        role,
                        "table-list",
                        "public.orders, \"Sales\".\"Customer List\"",
                        "publication.name",
                        db.name() + "_pub",
                        "slot.name",
                        db.name() + "_slot",
                        "heartbeat.table",
                        "public.cdc_heartbeat");
        CliRun setup =
                CliRun.withOptions("setup-sql", options, "--signal-table", "public.cdc_signal");
        assertThat(setup.exitCode).as(setup.toString()).isZero();
        assertThat(setup.out).doesNotContain(CliRoles.PASSWORD);

        db.execute(statements(setup.out.replace(SetupScript.PASSWORD_PLACEHOLDER, "pw")));
        assertThat(
                        db.queryValue(
                                "SELECT rolreplication FROM pg_roles WHERE rolname = '"
                                        + role
                                        + "'"))
                .isEqualTo("t");
        assertThat(
                        db.queryRows(
                                "SELECT schemaname || '.' || tablename FROM pg_publication_tables"
                                        + " WHERE pubname = '"
                                        + db.name()
                                        + "_pub' ORDER BY 1"))
                .containsExactly(
                        "Sales.Customer List",
                        "public.cdc_heartbeat",
                        "public.cdc_signal",
                        "public.orders");
        db.execute(
                "INSERT INTO public.cdc_signal VALUES ('1', 'execute-snapshot',"
                        + " '{\"data-collections\": [\"public.orders\"]}')");

        CliRun validate = CliRun.withOptions("validate", options);
        assertThat(validate.exitCode).as(validate.toString()).isZero();
        assertThat(validate.lines("[FAIL]")).as(validate.toString()).isEmpty();
        assertThat(validate.lines("[WARN]")).as(validate.toString()).isEmpty();
        assertThat(validate.out)
                .contains("[OK]   Capture list: 2 table(s): public.orders, Sales.Customer List")
                .contains("[OK]   Slot " + db.name() + "_slot: pgoutput, inactive");
    }

    /** The script's statements (one per line, comments dropped), each run on its own. */
    private static String[] statements(String script) {
        List<String> statements = new ArrayList<>();
        for (String line : script.split("\n")) {
            if (!line.isBlank() && !line.startsWith("--")) {
                assertThat(line).endsWith(";");
                statements.add(line);
            }
        }
        assertThat(statements).hasSizeGreaterThan(8);
        return statements.toArray(new String[0]);
    }
}
