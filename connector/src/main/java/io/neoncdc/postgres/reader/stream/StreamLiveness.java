package io.neoncdc.postgres.reader.stream;

/**
 * Notices a replication connection that went silent: the stream is polled without blocking, so a
 * cut network (no reset, e.g. a dropped NAT entry or a stalled proxy) looks like an idle stream
 * until TCP gives up, about 15 minutes later. After {@code pingAfter} without a byte from the
 * server, the reader asks for a reply (a standby status update with the reply flag, which the
 * walsender answers at once, busy or not); with no byte for {@code deadAfter} after that, the
 * connection is dead and is reconnected. Pure logic on a clock; fetcher thread only.
 */
final class StreamLiveness {
    /** What the reader does now. */
    enum Step {
        NOTHING,
        PING,
        DEAD
    }

    private final long pingAfterNanos;
    private final long deadAfterNanos;
    private long pingSentAt = -1;
    private long lastCheck = -1;

    /**
     * @param walSenderTimeoutMillis the server's {@code wal_sender_timeout} (0: off): the server
     *     itself sends a keepalive within half of it while it is busy, so silence for twice as long
     *     after a ping cannot be the server's
     */
    StreamLiveness(long walSenderTimeoutMillis) {
        long timeout = walSenderTimeoutMillis > 0 ? walSenderTimeoutMillis : 60_000;
        this.deadAfterNanos = Math.max(2 * timeout, 20_000) * 1_000_000L;
        this.pingAfterNanos = Math.min(10_000_000_000L, deadAfterNanos / 4);
    }

    long deadAfterMillis() {
        return deadAfterNanos / 1_000_000L;
    }

    /**
     * Called when a poll found nothing to read.
     *
     * @param lastReadNanos when the connection last received bytes
     */
    Step check(long lastReadNanos, long now) {
        if (lastCheck >= 0 && now - lastCheck > pingAfterNanos) {
            // Not polled for a while (downstream back pressure): bytes may be waiting unread, so
            // an earlier ping's silence proves nothing.
            pingSentAt = -1;
        }
        lastCheck = now;
        if (pingSentAt >= 0) {
            if (lastReadNanos - pingSentAt > 0) {
                pingSentAt = -1; // answered (or anything else arrived)
            } else {
                return now - pingSentAt > deadAfterNanos ? Step.DEAD : Step.NOTHING;
            }
        }
        if (now - lastReadNanos > pingAfterNanos) {
            pingSentAt = now;
            return Step.PING;
        }
        return Step.NOTHING;
    }
}
