package io.neoncdc.postgres.reader.stream;

import io.neoncdc.postgres.snapshot.CurrentSnapshot;
import io.neoncdc.postgres.snapshot.InvisibleCommits;
import io.neoncdc.postgres.split.VisibilitySnapshot;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transactions the stream has delivered, until a snapshot is known to see them. A chunk of a
 * joining table, or a re-snapshot window, read after the stream delivered a transaction must see
 * it: the stream dropped that transaction's changes to a planned chunk as "the later read has
 * them", or already emitted them ahead of the window's rows. "Delivered ⇒ visible to a later
 * snapshot" fails while a commit waits for a synchronous standby (or Neon's safekeepers): the
 * commit is decodable, yet the backend is still in the proc array (review §3). So reads ask {@link
 * #visibleNow} first, which compares the delivered transactions with a snapshot (visibility, not
 * LSN order).
 *
 * <p>A snapshot taken later sees at least what an earlier one saw, so a read right after a positive
 * answer, with no stream message handled in between, sees every delivered transaction.
 */
final class DeliveredTransactions {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveredTransactions.class);

    /** Past this many unconfirmed transactions, a snapshot forgets the visible ones. */
    private static final int PRUNE_AT = 4096;

    private static final long MAX_BACKOFF_NANOS = 1_000_000_000L;

    private final Supplier<Connection> connection;
    private final Set<Long> unconfirmed = new HashSet<>();
    private int pruneAt = PRUNE_AT;
    private InvisibleCommits before;
    private long nextCheckNanos;
    private long backoffNanos;
    private long waitingSinceNanos;
    private long nextLogNanos;

    DeliveredTransactions(Supplier<Connection> connection) {
        this.connection = connection;
    }

    /** The stream delivered the commit of this transaction (32-bit xid, as pgoutput sends it). */
    void committed(long xid32) {
        unconfirmed.add(xid32);
        if (unconfirmed.size() >= pruneAt) {
            try {
                forgetVisible(CurrentSnapshot.of(connection.get()));
            } catch (SQLException | RuntimeException e) {
                LOG.debug("Forgetting visible delivered transactions failed; later", e);
            }
            pruneAt = Math.max(PRUNE_AT, unconfirmed.size() * 2);
        }
    }

    /**
     * Whether a snapshot taken now sees every transaction the stream delivered (fetcher thread,
     * between transactions). Waits up to 20 ms for commits about to become visible (a healthy
     * synchronous standby answers within that), then says no; asked again, it checks at most every
     * 100 ms to 1 s. {@code reading} names what waits, for the log.
     */
    boolean visibleNow(String reading) throws SQLException {
        long now = System.nanoTime();
        if (now < nextCheckNanos) {
            return false;
        }
        Connection c = connection.get();
        if (before == null) {
            // Transactions delivered before this fetcher started (a restore, an earlier attempt)
            // are unknown here; those of them not visible yet are committed and running now.
            before = InvisibleCommits.now(c);
        }
        for (int attempt = 0; attempt < 10; attempt++) {
            if (allVisible(CurrentSnapshot.of(c))) {
                waitingSinceNanos = 0;
                backoffNanos = 0;
                return true;
            }
            pause(2);
        }
        now = System.nanoTime();
        if (waitingSinceNanos == 0) {
            waitingSinceNanos = now;
            nextLogNanos = now + 1_000_000_000L;
        }
        backoffNanos = Math.min(MAX_BACKOFF_NANOS, Math.max(100_000_000L, backoffNanos * 2));
        nextCheckNanos = now + backoffNanos;
        if (now >= nextLogNanos) {
            nextLogNanos = now + 30_000_000_000L;
            LOG.warn(
                    "Reading {} waits (for {} s) until the streamed transactions {} are visible:"
                            + " {}. The stream goes on meanwhile.",
                    reading,
                    (now - waitingSinceNanos) / 1_000_000_000L,
                    waitingFor(),
                    CurrentSnapshot.WHY);
        }
        return false;
    }

    private boolean allVisible(VisibilitySnapshot snapshot) {
        boolean earlier = before.visibleTo(snapshot);
        return forgetVisible(snapshot) && earlier;
    }

    private boolean forgetVisible(VisibilitySnapshot snapshot) {
        // Delivered means committed, so "not in the snapshot's running set" means visible.
        unconfirmed.removeIf(xid32 -> snapshot.sees(snapshot.extend(xid32)));
        return unconfirmed.isEmpty();
    }

    private String waitingFor() {
        Set<Long> all = new HashSet<>(unconfirmed);
        all.addAll(before.xids());
        return all.toString();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
