package io.neoncdc.postgres.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.neoncdc.postgres.catalog.Slots;
import io.neoncdc.postgres.cli.CliRun;
import io.neoncdc.postgres.testutil.ChangelogJob;
import io.neoncdc.postgres.testutil.DedicatedServer;
import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The platform's own slots (Neon's {@code wal_proposer_slot} and {@code wal_retention_slot},
 * Lakebase's {@code wal2delta_main_slot_…}, and whatever {@code neon.keep_ls_slot} names), created
 * as real physical and logical slots on a server with four slot places: {@code validate} counts
 * them as taken places but never as idle slots to drop, slot creation says which slots could go, a
 * bounded job's slot clean-up and the test helpers leave them alone.
 */
@Timeout(300)
class PlatformSlotsITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static final List<String> PLATFORM =
            List.of(
                    "lakebase_sync_1",
                    "wal2delta_main_slot_16384",
                    "wal_proposer_slot",
                    "wal_retention_slot");

    private static DedicatedServer server;
    private static TestDatabase db;

    @BeforeAll
    static void start() throws Exception {
        server =
                DedicatedServer.start(
                        17,
                        Map.of(
                                "max_replication_slots", "6",
                                // a Neon compute names its kept logical slot prefix so
                                "neon.keep_ls_slot", "lakebase_sync_"));
        db = server.server().createDatabase("platform_slots");
        db.execute(
                "CREATE TABLE t (id bigint PRIMARY KEY, v int, s text)",
                "ALTER TABLE t REPLICA IDENTITY FULL",
                "INSERT INTO t SELECT g, g, 'r' || g FROM generate_series(1, 500) g",
                "SELECT pg_create_physical_replication_slot('wal_proposer_slot', true)",
                "SELECT pg_create_physical_replication_slot('wal_retention_slot', true)",
                "SELECT pg_create_logical_replication_slot('wal2delta_main_slot_16384',"
                        + " 'pgoutput')",
                "SELECT pg_create_logical_replication_slot('lakebase_sync_1', 'pgoutput')",
                "SELECT pg_create_logical_replication_slot('someone_elses_slot', 'pgoutput')");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void validateCountsPlatformSlotsAsTakenButNeverAsIdle() throws Exception {
        fillLastPlace();
        try {
            CliRun run = validate("cdc_slot");
            assertThat(run.flat())
                    .as(run.toString())
                    .contains(
                            "[FAIL] Replication slots: 6 of max_replication_slots = 6 in use, 0"
                                    + " left; the platform's own (never dropped, not counted as"
                                    + " idle): "
                                    + String.join(", ", PLATFORM)
                                    + "; inactive (each retains WAL): filler_slot,"
                                    + " someone_elses_slot: no place for slot 'cdc_slot'")
                    .contains("leave the platform's own slots alone");
            assertNoPlatformSlotTouched(run.out);

            // Slot creation at the job's start says the same, naming the slots that could go.
            try (Connection c = db.connect()) {
                assertThatThrownBy(() -> Slots.ensure(c, "cdc_slot", db.name()))
                        .isInstanceOf(ValidationException.class)
                        .hasMessageContaining("all replication slots are in use")
                        .hasMessageContaining("inactive (each retains WAL): filler_slot,")
                        .hasMessageContaining(
                                "Leave the platform's own slots alone ("
                                        + String.join(", ", PLATFORM));
            }
        } finally {
            db.execute("SELECT pg_drop_replication_slot('filler_slot')");
        }
        CliRun run = validate("cdc_slot");
        assertThat(run.flat())
                .as(run.toString())
                .contains(
                        "[OK]   Replication slots: 5 of max_replication_slots = 6 in use, 1 left");
    }

    @Test
    void aSlotNamedLikeThePlatformsIsRefused() throws Exception {
        CliRun run = validate("lakebase_sync_mine");
        assertThat(run.flat())
                .as(run.toString())
                .contains(
                        "[FAIL] Replication slots: 'slot.name' = 'lakebase_sync_mine' starts with"
                                + " 'lakebase_sync_', the prefix of the platform's own slots");
        try (Connection c = db.connect()) {
            assertThatThrownBy(() -> Slots.ensure(c, "lakebase_sync_mine", db.name()))
                    .hasMessageContaining("the prefix of the platform's own slots");
            assertThatThrownBy(() -> Slots.drop(c, "wal_retention_slot"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        CliRun named = validate("wal_proposer_slot");
        assertThat(named.flat())
                .as(named.toString())
                .contains("'slot.name' = 'wal_proposer_slot' is a name the platform uses");
        assertPlatformSlotsIntact();
    }

    @Test
    void aBoundedJobDropsOnlyItsOwnSlot() throws Exception {
        ChangelogJob job =
                new ChangelogJob(1, 200)
                        .start(
                                "SELECT * FROM t",
                                "CREATE TABLE t (id BIGINT, v INT, s STRING) "
                                        + db.withClause(
                                                "t",
                                                "slot.name",
                                                "bounded_slot",
                                                "scan.startup.mode",
                                                "snapshot"));
        job.client().getJobExecutionResult().get();
        job.assertMaterializesTo(db.queryRows("SELECT id, v, s FROM t"), 1);
        assertThat(slots()).doesNotContain("bounded_slot");
        assertPlatformSlotsIntact();
    }

    @Test
    void testCleanUpLeavesPlatformSlotsAlone() {
        db.execute("SELECT pg_create_logical_replication_slot('idle_test_slot', 'pgoutput')");
        db.dropIdleSlots();
        // a new database of the same server drops the idle slots of the earlier ones
        server.server().createDatabase("platform_slots_next");
        assertThat(slots()).doesNotContain("idle_test_slot", "someone_elses_slot");
        assertPlatformSlotsIntact();
        db.execute("SELECT pg_create_logical_replication_slot('someone_elses_slot', 'pgoutput')");
    }

    @Test
    void sharedServerCleanUpLeavesPlatformSlotsAlone() {
        PostgresTestServer shared = PostgresTestServer.get();
        TestDatabase first = shared.createDatabase("platform_shared");
        String platform = "wal2delta_main_slot_" + first.name();
        first.execute(
                "SELECT pg_create_logical_replication_slot('" + platform + "', 'pgoutput')",
                "SELECT pg_create_logical_replication_slot('" + first.name() + "', 'pgoutput')");
        try {
            // A new database of the shared server leaves the idle slots of its own class's
            // databases alone (their jobs may be between attempts); the explicit cleanup of the
            // database drops its idle slots, and never a platform slot.
            shared.createDatabase("platform_shared_next");
            first.dropIdleSlots();
            assertThat(
                            first.queryRows(
                                    "SELECT slot_name FROM pg_replication_slots WHERE database ="
                                            + " current_database()"))
                    .containsExactly(platform);
        } finally {
            first.execute("SELECT pg_drop_replication_slot('" + platform + "')");
        }
    }

    private static void fillLastPlace() {
        db.execute("SELECT pg_create_logical_replication_slot('filler_slot', 'pgoutput')");
    }

    private static CliRun validate(String slot) {
        Map<String, String> options = new java.util.LinkedHashMap<>(db.connectionOptions());
        options.put("table-name", "t");
        options.put("slot.name", slot);
        return CliRun.withOptions("validate", options);
    }

    private static List<String> slots() {
        return db.queryRows("SELECT slot_name FROM pg_replication_slots ORDER BY 1");
    }

    private static void assertPlatformSlotsIntact() {
        assertThat(slots()).containsAll(PLATFORM);
    }

    private static void assertNoPlatformSlotTouched(String out) {
        for (String slot : PLATFORM) {
            assertThat(out).doesNotContain("pg_drop_replication_slot('" + slot);
        }
    }
}
