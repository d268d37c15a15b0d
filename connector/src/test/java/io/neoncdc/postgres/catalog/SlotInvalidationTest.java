package io.neoncdc.postgres.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each invalidation cause has its own explanation, naming the setting and its current value. */
class SlotInvalidationTest {
    private static final Map<String, String> SETTINGS =
            Map.of(
                    SlotInvalidation.MAX_KEEP, "1MB",
                    SlotInvalidation.IDLE_TIMEOUT, "30s",
                    SlotInvalidation.FEEDBACK, "off");

    @Test
    void walRemoved() {
        assertThat(explain("wal_removed", "lost"))
                .startsWith(
                        "was invalidated because the server removed WAL it still needed"
                                + " (invalidation_reason = 'wal_removed'): it fell more than"
                                + " max_slot_wal_keep_size (now 1MB) behind")
                .contains("raise max_slot_wal_keep_size")
                .contains("40 hours");
    }

    @Test
    void lostBeforePostgres17() {
        assertThat(explain(null, "lost"))
                .startsWith(
                        "was invalidated because the server removed WAL it still needed"
                                + " (wal_status = 'lost')");
    }

    @Test
    void idleTimeout() {
        assertThat(explain("idle_timeout", "lost"))
                .startsWith(
                        "was invalidated because no client streamed from it for longer than"
                                + " idle_replication_slot_timeout (now 30s)"
                                + " (invalidation_reason = 'idle_timeout')")
                .contains("raise idle_replication_slot_timeout (0 turns it off)")
                .contains("'neon.idle-disconnect'");
    }

    @Test
    void rowsRemoved() {
        assertThat(explain("rows_removed", "lost"))
                .startsWith(
                        "was invalidated by a recovery conflict on this standby"
                                + " (invalidation_reason = 'rows_removed'): VACUUM on the primary")
                .contains("hot_standby_feedback = on on the standby (now off)")
                .contains("primary_slot_name");
    }

    @Test
    void conflictingOnPostgres16() {
        assertThat(explain("conflicting", "lost"))
                .startsWith(
                        "was invalidated by a recovery conflict on this standby (conflicting ="
                                + " true)")
                .contains("or lowered wal_level below 'logical'");
    }

    @Test
    void walLevelInsufficient() {
        assertThat(explain("wal_level_insufficient", "lost"))
                .startsWith(
                        "was invalidated because wal_level on the primary was lowered below"
                                + " 'logical' (invalidation_reason = 'wal_level_insufficient')")
                .contains("Set wal_level = logical on the primary");
    }

    @Test
    void anUnknownReasonIsNamed() {
        assertThat(explain("something_new", "lost"))
                .isEqualTo("was invalidated (invalidation_reason = 'something_new').");
    }

    @Test
    void aSlotIsInvalidatedByEitherSign() {
        assertThat(slot(null, "reserved").invalidated()).isFalse();
        assertThat(slot(null, "lost").invalidated()).isTrue();
        assertThat(slot("idle_timeout", "lost").invalidated()).isTrue();
        assertThat(slot("rows_removed", "reserved").invalidated()).isTrue();
    }

    private static String explain(String reason, String walStatus) {
        return SlotInvalidation.explain(slot(reason, walStatus), SETTINGS);
    }

    private static SlotInfo slot(String reason, String walStatus) {
        return new SlotInfo("s", "pgoutput", "db", false, 1, 1, walStatus, reason, false, false);
    }
}
