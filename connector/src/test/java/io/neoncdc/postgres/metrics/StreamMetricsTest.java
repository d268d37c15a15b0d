package io.neoncdc.postgres.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Lag and retained WAL from the fetcher's positions and the slot readings. */
class StreamMetricsTest {

    @Test
    void unknownUntilMeasured() {
        StreamMetrics m = new StreamMetrics();
        assertThat(m.replicationLagBytes()).isEqualTo(-1);
        assertThat(m.retainedWalBytes()).isEqualTo(-1);
        m.received(5_000);
        assertThat(m.replicationLagBytes()).as("no confirmed position yet").isEqualTo(-1);
    }

    @Test
    void lagIsServerWalEndMinusConfirmed() {
        StreamMetrics m = new StreamMetrics();
        m.slot(new SlotHealth(true, 1_000, 800, "reserved", -1, 4_000, -1), 0);
        assertThat(m.confirmedLsn()).isEqualTo(1_000);
        assertThat(m.replicationLagBytes()).isEqualTo(3_000);
        assertThat(m.retainedWalBytes()).isEqualTo(3_200);
        m.received(5_000); // a keepalive newer than the last slot reading
        m.confirmed(4_500);
        assertThat(m.replicationLagBytes()).isEqualTo(500);
        assertThat(m.retainedWalBytes()).isEqualTo(4_200);
        // an older slot reading never moves the confirmed position back
        m.slot(new SlotHealth(true, 1_000, 800, "reserved", -1, 4_000, -1), 0);
        assertThat(m.confirmedLsn()).isEqualTo(4_500);
    }
}
