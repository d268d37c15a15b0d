package io.neoncdc.postgres.reader.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.config.IdleDisconnectSettings;
import io.neoncdc.postgres.config.IdleReconnect;
import io.neoncdc.postgres.metrics.LogCapture;
import io.neoncdc.postgres.metrics.StreamMetrics;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

/** When the idle mode disconnects and reconnects, on a hand-driven clock. */
class IdleDisconnectTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final StreamMetrics metrics = new StreamMetrics();

    private IdleDisconnect idle(IdleReconnect at) {
        return new IdleDisconnect(
                new IdleDisconnectSettings(
                        true, Duration.ofSeconds(60), Duration.ofMinutes(10), at),
                metrics,
                now::get);
    }

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void offNeverDisconnects() {
        IdleDisconnect idle = new IdleDisconnect(IdleDisconnectSettings.OFF, metrics, now::get);
        advance(Duration.ofHours(1));
        assertThat(idle.due(true, 100, 100)).isFalse();
        assertThat(idle.beforeRead(0)).isEqualTo(IdleDisconnect.Step.RUN);
    }

    @Test
    void disconnectsAfterTheIdleTimeOnceWhatWasReadIsConfirmed() {
        IdleDisconnect idle = idle(IdleReconnect.INTERVAL);
        idle.activity();
        assertThat(idle.due(false, 0, 500)).isFalse(); // records in flight
        advance(Duration.ofSeconds(59));
        assertThat(idle.due(true, 400, 500)).isFalse(); // too early
        advance(Duration.ofSeconds(2));
        assertThat(idle.due(true, 400, 500)).as("500 read but not confirmed").isFalse();
        // Keepalives move the position over other databases' WAL: no confirmation needed for it.
        assertThat(idle.due(true, 500, 900)).isTrue();
        advance(Duration.ofSeconds(1));
        idle.activity(); // a change: the idle time starts again
        assertThat(idle.due(true, 500, 900)).isFalse();
    }

    @Test
    void staysDisconnectedForTheIntervalThenReconnects() {
        IdleDisconnect idle = idle(IdleReconnect.INTERVAL);
        advance(Duration.ofMinutes(2));
        assertThat(idle.due(true, 0, 700)).isTrue();
        idle.disconnect(0, 700);
        assertThat(metrics.idleDisconnects()).isEqualTo(1);
        assertThat(idle.due(true, 700, 700)).as("already disconnected").isFalse();
        advance(Duration.ofMinutes(9));
        assertThat(idle.beforeRead(5)).isEqualTo(IdleDisconnect.Step.SUSPENDED);
        advance(Duration.ofMinutes(1));
        assertThat(idle.beforeRead(5)).isEqualTo(IdleDisconnect.Step.RECONNECT);
        assertThat(metrics.idleReconnects()).isEqualTo(1);
        assertThat(idle.beforeRead(5)).isEqualTo(IdleDisconnect.Step.RUN);
        // Reconnected: idle again for a full idle time before the next disconnect.
        advance(Duration.ofSeconds(30));
        assertThat(idle.due(true, 700, 700)).isFalse();
        advance(Duration.ofSeconds(30));
        assertThat(idle.due(true, 700, 700)).isTrue();
    }

    @Test
    void checkpointModeWaitsForTheNextCompletedCheckpoint() {
        IdleDisconnect idle = idle(IdleReconnect.CHECKPOINT);
        advance(Duration.ofMinutes(2));
        idle.disconnect(0, 700);
        advance(Duration.ofMinutes(10));
        assertThat(idle.beforeRead(3)).isEqualTo(IdleDisconnect.Step.SUSPENDED);
        advance(Duration.ofMinutes(1));
        assertThat(idle.beforeRead(3)).isEqualTo(IdleDisconnect.Step.SUSPENDED);
        assertThat(idle.beforeRead(4)).isEqualTo(IdleDisconnect.Step.RECONNECT);
    }

    @Test
    void checkpointModeReconnectsAnywayWithoutCheckpoints() {
        IdleDisconnect idle = idle(IdleReconnect.CHECKPOINT);
        idle.disconnect(0, 700);
        advance(Duration.ofMinutes(10));
        assertThat(idle.beforeRead(0)).isEqualTo(IdleDisconnect.Step.SUSPENDED);
        advance(Duration.ofMinutes(10));
        assertThat(idle.beforeRead(0)).isEqualTo(IdleDisconnect.Step.RECONNECT);
    }

    @Test
    void staysBelowPostgres18sIdleSlotTimeout() {
        IdleDisconnect idle = idle(IdleReconnect.INTERVAL);
        idle.disconnect(300, 700); // idle_replication_slot_timeout = 5 min < 10 min + allowance
        advance(Duration.ofSeconds(149));
        assertThat(idle.beforeRead(0)).isEqualTo(IdleDisconnect.Step.SUSPENDED);
        advance(Duration.ofSeconds(1));
        assertThat(idle.beforeRead(0)).isEqualTo(IdleDisconnect.Step.RECONNECT);
    }

    @Test
    void aLargeTimeoutLeavesTheIntervalAlone() {
        IdleDisconnect idle = idle(IdleReconnect.INTERVAL);
        idle.disconnect(3600, 700);
        advance(Duration.ofMinutes(9));
        assertThat(idle.beforeRead(0)).isEqualTo(IdleDisconnect.Step.SUSPENDED);
        advance(Duration.ofMinutes(1));
        assertThat(idle.beforeRead(0)).isEqualTo(IdleDisconnect.Step.RECONNECT);
    }

    @Test
    void theCheckpointModeDoesNotWaitPastTheTimeoutCap() {
        IdleDisconnect idle = idle(IdleReconnect.CHECKPOINT);
        idle.disconnect(300, 700);
        advance(Duration.ofSeconds(150));
        // No checkpoint completed since: waiting for one could pass the 5 min timeout.
        assertThat(idle.beforeRead(3)).isEqualTo(IdleDisconnect.Step.RECONNECT);
    }

    @Test
    void warnsOncePerTimeoutThatTheIntervalExceedsIt() throws Exception {
        try (LogCapture log = LogCapture.of(IdleDisconnect.class, Level.WARN)) {
            IdleDisconnect idle = idle(IdleReconnect.INTERVAL);
            for (int i = 0; i < 3; i++) {
                idle.disconnect(300, 700);
                advance(Duration.ofMinutes(3));
                assertThat(idle.beforeRead(0)).isEqualTo(IdleDisconnect.Step.RECONNECT);
            }
            idle.disconnect(3600, 700); // raised: nothing to warn about
            assertThat(log.messages())
                    .singleElement()
                    .asString()
                    .contains(
                            "'neon.idle-disconnect.reconnect-interval' = PT10M plus PT5M could"
                                    + " exceed the server's idle_replication_slot_timeout (300 s)",
                            "reconnecting after PT2M30S instead");
        }
    }

    @Test
    void warnsWhenTheIntervalReachesNeonsInactiveSlotWindow() throws Exception {
        try (LogCapture log = LogCapture.of(IdleDisconnect.class, Level.WARN)) {
            new IdleDisconnect(
                    new IdleDisconnectSettings(
                            true,
                            Duration.ofMinutes(1),
                            Duration.ofHours(30),
                            IdleReconnect.INTERVAL),
                    metrics,
                    now::get);
            new IdleDisconnect(
                    new IdleDisconnectSettings(
                            true,
                            Duration.ofMinutes(1),
                            Duration.ofHours(2),
                            IdleReconnect.INTERVAL),
                    metrics,
                    now::get);
            assertThat(log.messages())
                    .singleElement()
                    .asString()
                    .contains("PT30H plus PT5M", "Neon's removal of inactive slots (about PT40H");
        }
    }
}
