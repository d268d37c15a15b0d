package io.neoncdc.postgres.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The age of restart_lsn from samples of the server's WAL position. */
class RestartLsnAgeTest {

    @Test
    void ageIsZeroWhileNoWalWasWrittenAfterRestartLsn() {
        RestartLsnAge age = new RestartLsnAge();
        assertThat(age.update(1_000, 500, 500)).isZero();
        assertThat(age.update(60_000, 500, 500)).isZero();
    }

    @Test
    void ageGrowsWhileRestartLsnIsStuckAndResetsWhenItMoves() {
        RestartLsnAge age = new RestartLsnAge();
        assertThat(age.update(0, 1_000, 900)).isZero(); // first sample already past restart_lsn
        assertThat(age.update(30_000, 2_000, 900)).isEqualTo(30_000);
        assertThat(age.update(60_000, 3_000, 900)).isEqualTo(60_000);
        // restart_lsn moves past the first two samples: WAL after it was first seen at 60 s
        assertThat(age.update(90_000, 4_000, 2_500)).isEqualTo(30_000);
        assertThat(age.update(120_000, 4_000, 4_000)).isZero();
        assertThat(age.size()).isZero();
    }

    @Test
    void samplesStayBoundedWithoutForgettingTheOldest() {
        RestartLsnAge age = new RestartLsnAge();
        for (int i = 0; i < RestartLsnAge.MAX_SAMPLES + 100; i++) {
            age.update(i * 1000L, 10 + i, 1);
        }
        assertThat(age.size()).isLessThanOrEqualTo(RestartLsnAge.MAX_SAMPLES + 1);
        long last = (RestartLsnAge.MAX_SAMPLES + 99) * 1000L;
        assertThat(age.update(last, 10 + RestartLsnAge.MAX_SAMPLES + 99, 1)).isEqualTo(last);
    }
}
