package io.neoncdc.postgres.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code validate} against a real server: a misconfigured role and database fail item by item with
 * the statement that fixes each, a correct setup passes every item.
 */
@Timeout(180)
class ValidateCommandITCase {
    private static TestDatabase db;

    @BeforeAll
    static void setUp() {
        db = PostgresTestServer.get().createDatabase("cli_validate");
        db.execute(
                "CREATE TABLE orders (id int PRIMARY KEY, v text)",
                "ALTER TABLE orders REPLICA IDENTITY FULL",
                "CREATE TABLE items (id int PRIMARY KEY, v text)",
                "CREATE TABLE secret (id int PRIMARY KEY, v text)",
                "ALTER TABLE secret REPLICA IDENTITY FULL",
                "CREATE VIEW orders_view AS SELECT * FROM orders",
                CliRoles.role("cli_bad", "LOGIN NOREPLICATION PASSWORD 'pw'"),
                "GRANT SELECT ON orders, items TO cli_bad",
                CliRoles.role("cli_good", "LOGIN REPLICATION PASSWORD 'pw'"),
                "GRANT SELECT ON orders, secret TO cli_good",
                "CREATE PUBLICATION cli_good_pub FOR TABLE orders, secret");
        db.createSlot(db.name() + "_good");
    }

    @AfterAll
    static void dropSlots() {
        db.dropIdleSlots();
    }

    @Test
    void misconfiguredRoleAndDatabaseFailItemByItem() {
        CliRun run =
                CliRun.withOptions(
                        "validate",
                        CliRoles.options(
                                db,
                                "cli_bad",
                                "table-list",
                                "public.orders, public.items, public.secret, public.orders_view",
                                "slot.name",
                                db.name() + "_bad",
                                "signal.table",
                                "public.no_signals"));
        assertThat(run.exitCode).as(run.toString()).isEqualTo(1);
        assertThat(run.out)
                .as(run.toString())
                .doesNotContain(CliRoles.PASSWORD)
                .contains("[OK]   Connection: connected as cli_bad")
                .contains("[OK]   wal_level: logical")
                .contains("[FAIL] REPLICATION: Role 'cli_bad' lacks the REPLICATION attribute")
                .contains(
                        "[FAIL] Base table public.orders_view: Cannot capture public.orders_view:")
                .contains("it is a view")
                .contains("[FAIL] SELECT public.secret: Role 'cli_bad' may not read table(s)")
                .contains("[FAIL] Replica identity public.items: Table public.items has REPLICA")
                .contains("[FAIL] Publication neon_cdc_pub: Publication 'neon_cdc_pub' does not")
                .contains("[FAIL] Slot " + db.name() + "_bad: does not exist, and the source")
                .contains("[OK]   Capture list: 3 table(s): public.orders, public.items,")
                .contains("[FAIL] Signal table public.no_signals: 'signal.table'")
                .contains("7 failed")
                .contains(
                        "To fix the failures, run as the owner of the tables (on Neon: the"
                                + " database owner role):\n"
                                + "  ALTER ROLE \"cli_bad\" WITH REPLICATION;\n"
                                + "  GRANT SELECT ON \"public\".\"secret\" TO \"cli_bad\";\n"
                                + "  ALTER TABLE \"public\".\"items\" REPLICA IDENTITY FULL;\n"
                                + "  CREATE TABLE \"public\".\"no_signals\" (id varchar(42)"
                                + " PRIMARY KEY, type varchar(32) NOT NULL, data"
                                + " varchar(2048));\n"
                                + "  CREATE PUBLICATION \"neon_cdc_pub\" FOR TABLE"
                                + " \"public\".\"orders\", \"public\".\"items\","
                                + " \"public\".\"secret\" WITH (publish_via_partition_root ="
                                + " true);\n");
        assertThat(run.lines("[FAIL]")).hasSize(7);
    }

    @Test
    void aCorrectSetupPassesEveryItem() {
        CliRun run =
                CliRun.withOptions(
                        "validate",
                        CliRoles.options(
                                db,
                                "cli_good",
                                "table-list",
                                "public.orders, public.secret",
                                "publication.name",
                                "cli_good_pub",
                                "slot.name",
                                db.name() + "_good"));
        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.lines("[FAIL]")).as(run.toString()).isEmpty();
        assertThat(run.lines("[WARN]")).as(run.toString()).isEmpty();
        assertThat(run.out)
                .doesNotContain(CliRoles.PASSWORD)
                .contains("[OK]   REPLICATION: role 'cli_good' has it")
                .contains("[OK]   Replication connection: accepted")
                .contains("[OK]   SELECT: role 'cli_good' may read all 2 captured table(s)")
                .contains("[OK]   Replica identity: 'changelog-mode' = 'all': 2 table(s) FULL")
                .contains("[OK]   Publication cli_good_pub: lists public.orders, public.secret")
                .contains("[OK]   Slot " + db.name() + "_good: pgoutput, inactive, confirmed")
                .contains("0 failed, 0 warning(s)");
    }

    @Test
    void aRegexMatchingAViewWarnsAndAMissingTableFails() {
        CliRun regex =
                CliRun.withOptions(
                        "validate",
                        CliRoles.options(
                                db,
                                "cli_good",
                                "table-name",
                                "orders.*",
                                "publication.name",
                                "cli_good_pub",
                                "slot.name",
                                db.name() + "_good"));
        assertThat(regex.out)
                .as(regex.toString())
                .contains("[WARN] Base table public.orders_view: matches the capture list but is")
                .contains("[OK]   Capture list: 1 table(s): public.orders");
        assertThat(regex.exitCode).as(regex.toString()).isZero();
        CliRun missing =
                CliRun.withOptions(
                        "validate",
                        CliRoles.options(db, "cli_good", "table-list", "public.Orders"));
        assertThat(missing.exitCode).isEqualTo(1);
        assertThat(missing.out)
                .as(missing.toString())
                .contains("[FAIL] Capture list: Table(s) public.Orders of the table list do not")
                .contains("Similar relations: public.orders");
    }
}
