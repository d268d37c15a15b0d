package io.neoncdc.postgres.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.config.SlotHealthSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Which slot readings are worth a warning. */
class SlotWarningsTest {
    private static final long MB = 1L << 20;
    private static final SlotHealthSettings SETTINGS =
            new SlotHealthSettings(Duration.ofSeconds(30), 1024 * MB, Duration.ofHours(4));

    @Test
    void healthySlotHasNoWarnings() {
        assertThat(
                        SlotWarnings.of(
                                "s", slot("reserved", 900 * MB, 1024 * MB, 10 * MB), 0, SETTINGS))
                .isEmpty();
        assertThat(SlotWarnings.of("s", slot(null, -1, -1, 10 * MB), 0, SETTINGS)).isEmpty();
    }

    @Test
    void walStatusExtendedUnreservedAndLostAreWarnings() {
        assertThat(SlotWarnings.of("s", slot("extended", -1, -1, 0), 0, SETTINGS))
                .containsOnlyKeys("wal_status extended");
        assertThat(SlotWarnings.of("s", slot("unreserved", -1, -1, 0), 0, SETTINGS))
                .containsOnlyKeys("wal_status unreserved");
        assertThat(
                        SlotWarnings.of("s", slot("lost", -1, -1, 0), 0, SETTINGS)
                                .get("wal_status lost"))
                .contains("'slot.lost-action'");
    }

    @Test
    void safeWalSizeBelowOneFifthOfTheKeepLimit() {
        assertThat(SlotWarnings.of("s", slot("reserved", 204 * MB, 1024 * MB, 0), 0, SETTINGS))
                .containsOnlyKeys("safe_wal_size");
        assertThat(SlotWarnings.of("s", slot("reserved", 205 * MB, 1024 * MB, 0), 0, SETTINGS))
                .isEmpty();
    }

    @Test
    void retainedWalAndRestartLsnAgeAboveTheirLimits() {
        assertThat(SlotWarnings.of("s", slot("reserved", -1, -1, 1025 * MB), 0, SETTINGS))
                .containsOnlyKeys("retained_wal");
        assertThat(
                        SlotWarnings.of(
                                        "s",
                                        slot("reserved", -1, -1, 0),
                                        Duration.ofHours(5).toMillis(),
                                        SETTINGS)
                                .get("restart_lsn_age"))
                .contains("300 minutes")
                .contains("Neon");
    }

    @Test
    void missingSlotIsOneWarning() {
        assertThat(SlotWarnings.of("s", SlotHealth.missing(100), 0, SETTINGS))
                .containsOnlyKeys("missing");
    }

    /** A slot whose restart_lsn is {@code retained} bytes behind the current WAL position. */
    static SlotHealth slot(String walStatus, long safeWalSize, long maxKeep, long retained) {
        long current = 10_000 * MB;
        return new SlotHealth(
                true, current, current - retained, walStatus, safeWalSize, current, maxKeep);
    }
}
