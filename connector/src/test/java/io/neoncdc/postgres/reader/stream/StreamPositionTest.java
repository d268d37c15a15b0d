package io.neoncdc.postgres.reader.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link StreamPosition} restarts at the last complete transaction and skips exactly the events of
 * a partly emitted one that already went out, after a restore and after a reconnect.
 */
class StreamPositionTest {
    private static final long T1 = 0x1100;
    private static final long T2 = 0x1200;

    @Test
    void beginProduceCommit() {
        StreamPosition p = new StreamPosition(0x1000, 0, 0);
        assertThat(p.restartLsn()).isEqualTo(0x1000);
        p.begin(T1);
        assertThat(p.inTransaction()).isTrue();
        assertThat(p.txnFinalLsn()).isEqualTo(T1);
        assertThat(produce(p, 3)).isEqualTo(3);
        assertThat(p.restartLsn()).as("not before the commit").isEqualTo(0x1000);
        p.commit(T1 + 0x30);
        assertThat(p.inTransaction()).isFalse();
        assertThat(p.restartLsn()).isEqualTo(T1 + 0x30);
    }

    @Test
    void restoreSkipsExactlyTheEmittedEventsOfItsTransaction() {
        StreamPosition p = new StreamPosition(0x1000, T1, 4);
        p.begin(T1);
        assertThat(emittedOf(p, 10)).containsExactly(5, 6, 7, 8, 9, 10);
        p.commit(T1 + 0x30);
        p.begin(T2);
        assertThat(produce(p, 2)).as("the next transaction skips nothing").isEqualTo(2);
    }

    @Test
    void restoreWithAnotherFirstTransactionSkipsNothing() {
        StreamPosition p = new StreamPosition(0x1000, T1, 4);
        p.begin(T2);
        assertThat(produce(p, 5)).isEqualTo(5);
        p.commit(T2 + 0x30);
        p.begin(T1);
        assertThat(produce(p, 5)).as("the skip applies to the first transaction only").isEqualTo(5);
    }

    @Test
    void noSkipWithoutEmittedEvents() {
        StreamPosition p = new StreamPosition(0x1000, T1, 0);
        p.begin(T1);
        assertThat(produce(p, 2)).isEqualTo(2);
    }

    @Test
    void reconnectInsideATransactionSkipsWhatWasProduced() {
        StreamPosition p = new StreamPosition(0x1000, 0, 0);
        p.begin(T1);
        produce(p, 3);
        p.connectionLost();
        assertThat(p.inTransaction()).isFalse();
        assertThat(p.restartLsn()).isEqualTo(0x1000);
        p.begin(T1);
        assertThat(emittedOf(p, 5)).containsExactly(4, 5);
    }

    @Test
    void reconnectWhileStillSkippingRestoredEvents() {
        StreamPosition p = new StreamPosition(0x1000, T1, 5);
        p.begin(T1);
        assertThat(produce(p, 2)).as("both were emitted before the restore").isZero();
        p.connectionLost();
        p.begin(T1);
        assertThat(emittedOf(p, 7)).containsExactly(6, 7);
        p.connectionLost();
        p.begin(T1);
        assertThat(emittedOf(p, 9)).containsExactly(8, 9);
    }

    @Test
    void reconnectBeforeTheRestoredTransactionBeganKeepsItsSkip() {
        StreamPosition p = new StreamPosition(0x1000, T1, 3);
        p.connectionLost();
        p.begin(T1);
        assertThat(emittedOf(p, 4)).containsExactly(4);
    }

    @Test
    void reconnectBetweenTransactionsSkipsNothing() {
        StreamPosition p = new StreamPosition(0x1000, 0, 0);
        p.begin(T1);
        produce(p, 3);
        p.commit(T1 + 0x30);
        p.connectionLost();
        assertThat(p.restartLsn()).isEqualTo(T1 + 0x30);
        p.begin(T2);
        assertThat(produce(p, 2)).isEqualTo(2);
        p.begin(T2);
        p.connectionLost();
        p.begin(T2);
        assertThat(produce(p, 1)).as("nothing produced before the break").isEqualTo(1);
    }

    @Test
    void advanceOnlyBetweenTransactionsAndNeverBackwards() {
        StreamPosition p = new StreamPosition(0x1000, 0, 0);
        p.advance(0x1500);
        assertThat(p.restartLsn()).isEqualTo(0x1500);
        p.advance(0x1400);
        assertThat(p.restartLsn()).isEqualTo(0x1500);
        p.begin(0x1600);
        p.advance(0x2000);
        assertThat(p.restartLsn()).as("ignored inside a transaction").isEqualTo(0x1500);
        p.commit(0x1630);
        assertThat(p.restartLsn()).isEqualTo(0x1630);
    }

    /** Produces {@code n} events; returns how many were to be emitted. */
    private static int produce(StreamPosition p, int n) {
        int emitted = 0;
        for (int i = 0; i < n; i++) {
            emitted += p.produce() ? 1 : 0;
        }
        return emitted;
    }

    /** Produces events 1..n of the current transaction; returns the numbers emitted. */
    private static List<Integer> emittedOf(StreamPosition p, int n) {
        List<Integer> emitted = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            if (p.produce()) {
                emitted.add(i);
            }
        }
        return emitted;
    }
}
