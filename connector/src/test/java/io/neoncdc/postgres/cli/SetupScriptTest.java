package io.neoncdc.postgres.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code setup-sql} prints quoted SQL for the exact tables and the options, offline. */
class SetupScriptTest {

    @Test
    void printsTheWholeScriptForAllMode() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("table-list", "public.orders, \"Sales\".\"Customer \"\"List\"\"\"");
        o.put("username", "cdc");
        o.put("password", "never-printed-Pa55");
        o.put("database-name", "shop");
        o.put("heartbeat.table", "ops.heartbeat");
        CliRun run = CliRun.withOptions("setup-sql", o, "--signal-table", "ops.cdc_signal");
        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out)
                .doesNotContain("never-printed-Pa55")
                .contains(
                        "CREATE ROLE \"cdc\" WITH LOGIN REPLICATION PASSWORD"
                                + " '<choose-a-strong-password>';\n")
                .contains("GRANT USAGE ON SCHEMA \"public\" TO \"cdc\";\n")
                .contains("GRANT USAGE ON SCHEMA \"Sales\" TO \"cdc\";\n")
                .contains("GRANT USAGE ON SCHEMA \"ops\" TO \"cdc\";\n")
                .contains(
                        "GRANT SELECT ON \"public\".\"orders\", \"Sales\".\"Customer \"\"List\"\"\""
                                + " TO \"cdc\";\n")
                .contains("ALTER TABLE \"public\".\"orders\" REPLICA IDENTITY FULL;\n")
                .contains(
                        "ALTER TABLE \"Sales\".\"Customer \"\"List\"\"\" REPLICA IDENTITY FULL;\n")
                .contains(
                        "CREATE TABLE IF NOT EXISTS \"ops\".\"heartbeat\" (id int PRIMARY KEY, ts"
                                + " timestamptz NOT NULL);\n")
                .contains(
                        "CREATE TABLE \"ops\".\"cdc_signal\" (id varchar(42) PRIMARY KEY, type"
                                + " varchar(32) NOT NULL, data varchar(2048));\n")
                .contains(
                        "CREATE PUBLICATION \"neon_cdc_pub\" FOR TABLE \"public\".\"orders\","
                                + " \"Sales\".\"Customer \"\"List\"\"\", \"ops\".\"heartbeat\","
                                + " \"ops\".\"cdc_signal\" WITH (publish_via_partition_root ="
                                + " true);\n")
                .endsWith(
                        "SELECT pg_create_logical_replication_slot('neon_cdc_slot',"
                                + " 'pgoutput');\n");
    }

    @Test
    void upsertModeNeedsNoReplicaIdentityAndAllTablesPublishesEverything() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("table-name", "orders");
        o.put("changelog-mode", "upsert");
        o.put("publication.auto-create", "all-tables");
        o.put("publication.name", "my pub");
        o.put("slot.name", "my_slot");
        CliRun run = CliRun.withOptions("setup-sql", o);
        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out)
                .contains("CREATE ROLE \"neon_cdc\" WITH LOGIN REPLICATION")
                .contains("GRANT SELECT ON \"public\".\"orders\" TO \"neon_cdc\";")
                .doesNotContain("ALTER TABLE \"public\".\"orders\"")
                .contains(
                        "CREATE PUBLICATION \"my pub\" FOR ALL TABLES WITH"
                                + " (publish_via_partition_root = true);")
                .contains("pg_create_logical_replication_slot('my_slot', 'pgoutput')");
    }

    @Test
    void skippedTruncatesAreNotPublished() {
        Map<String, String> o = new java.util.LinkedHashMap<>();
        o.put("table-name", "orders");
        o.put("truncate.action", "skip");
        CliRun run = CliRun.withOptions("setup-sql", o);
        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out)
                .contains(
                        "CREATE PUBLICATION \"neon_cdc_pub\" FOR TABLE \"public\".\"orders\" WITH"
                                + " (publish_via_partition_root = true, publish = 'insert, update,"
                                + " delete');");
    }

    @Test
    void aRegularExpressionIsRefused() {
        CliRun run = CliRun.withOptions("setup-sql", Map.of("table-name", "order_.*"));
        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("setup-sql needs the exact tables");
        CliRun badSignal =
                CliRun.withOptions(
                        "setup-sql", Map.of("table-name", "orders"), "--signal-table", "signal");
        assertThat(badSignal.exitCode).isEqualTo(2);
        assertThat(badSignal.err).contains("Invalid table name 'signal'");
    }
}
