package io.neoncdc.postgres.reader.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The replication stream's silence detector on a hand-driven clock. */
class StreamLivenessTest {
    private static final long S = 1_000_000_000L;

    @Test
    void silentConnectionIsPingedThenDeclaredDeadAfterTwiceTheSenderTimeout() {
        StreamLiveness liveness = new StreamLiveness(10_000); // wal_sender_timeout 10 s
        assertThat(liveness.deadAfterMillis()).isEqualTo(20_000);
        long read = 0;
        assertThat(liveness.check(read, 4 * S)).isEqualTo(StreamLiveness.Step.NOTHING);
        assertThat(liveness.check(read, 6 * S)).isEqualTo(StreamLiveness.Step.PING);
        for (long t = 7; t <= 26; t++) {
            assertThat(liveness.check(read, t * S))
                    .as("at %s s", t)
                    .isEqualTo(StreamLiveness.Step.NOTHING);
        }
        assertThat(liveness.check(read, 27 * S)).isEqualTo(StreamLiveness.Step.DEAD);
    }

    @Test
    void anAnswerAfterThePingKeepsTheConnectionAlive() {
        StreamLiveness liveness = new StreamLiveness(10_000);
        assertThat(liveness.check(0, 6 * S)).isEqualTo(StreamLiveness.Step.PING);
        long answered = 7 * S;
        for (long t = 8; t <= 12; t++) {
            assertThat(liveness.check(answered, t * S)).isEqualTo(StreamLiveness.Step.NOTHING);
        }
        assertThat(liveness.check(answered, 13 * S)).isEqualTo(StreamLiveness.Step.PING);
    }

    @Test
    void aLongGapBetweenPollsIsNotSilence() {
        // Back pressure: the reader did not poll, so unread bytes may be waiting.
        StreamLiveness liveness = new StreamLiveness(10_000);
        assertThat(liveness.check(0, 6 * S)).isEqualTo(StreamLiveness.Step.PING);
        assertThat(liveness.check(0, 40 * S)).isNotEqualTo(StreamLiveness.Step.DEAD);
    }

    @Test
    void senderTimeoutOffOrSmallStillWaitsAtLeast20Seconds() {
        assertThat(new StreamLiveness(0).deadAfterMillis()).isEqualTo(120_000);
        assertThat(new StreamLiveness(1_000).deadAfterMillis()).isEqualTo(20_000);
    }
}
