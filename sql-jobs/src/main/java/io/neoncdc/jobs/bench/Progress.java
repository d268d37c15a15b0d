package io.neoncdc.jobs.bench;

import io.neoncdc.postgres.event.ChangeEvent;
import io.neoncdc.postgres.event.ChangeEventDeserializer;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.Collector;

/**
 * Counts the events of the one measured job of this JVM (the MiniCluster runs in-process, so the
 * deserializers reach these statics) and records when the first and the expected last arrived.
 */
final class Progress {
    private static final AtomicLong EVENTS = new AtomicLong();
    private static volatile long expected = Long.MAX_VALUE;
    private static volatile long firstNanos;
    private static volatile long lastNanos;

    private Progress() {}

    static void reset(long expectedEvents) {
        EVENTS.set(0);
        firstNanos = 0;
        lastNanos = 0;
        expected = expectedEvents;
    }

    static void onEvent() {
        long n = EVENTS.incrementAndGet();
        if (n == 1) {
            firstNanos = System.nanoTime();
        }
        if (n == expected) {
            lastNanos = System.nanoTime();
        }
    }

    static long events() {
        return EVENTS.get();
    }

    static long firstNanos() {
        return firstNanos;
    }

    /** Waits for the expected event and returns its {@link System#nanoTime()}. */
    static long awaitLast(BenchCluster cluster, JobID job, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (lastNanos == 0) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(
                        "Only " + events() + " of " + expected + " events within " + timeout);
            }
            if (cluster.ended(job)) {
                cluster.await(job, Duration.ofSeconds(10)); // throws the failure, if any
                if (lastNanos == 0) {
                    throw new IllegalStateException(
                            "The job ended after " + events() + " of " + expected + " events");
                }
            }
            Thread.sleep(5);
        }
        return lastNanos;
    }

    /** Counts every change and emits nothing: what is measured is the source alone. */
    static final class Counting implements ChangeEventDeserializer<Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(ChangeEvent event, Collector<Long> out) {
            onEvent();
        }

        @Override
        public TypeInformation<Long> getProducedType() {
            return Types.LONG;
        }
    }
}
