package io.neoncdc.postgres.metrics;

import io.neoncdc.postgres.config.SlotHealthSettings;
import io.neoncdc.postgres.pgoutput.Lsn;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.annotation.Internal;

/**
 * Decides which slot-health readings deserve a warning, with the reason and what to do, so an
 * operator hears about a slot in danger well before PostgreSQL or Neon invalidates it.
 */
@Internal
public final class SlotWarnings {
    private SlotWarnings() {}

    /**
     * The problems of one reading by kind (stable across readings, so a lasting problem is one
     * warning), each with its message; empty when the slot is healthy.
     */
    public static Map<String, String> of(
            String slot, SlotHealth h, long restartAgeMillis, SlotHealthSettings settings) {
        Map<String, String> problems = new LinkedHashMap<>();
        String name = "Replication slot '" + slot + "'";
        if (!h.exists()) {
            problems.put(
                    "missing",
                    name
                            + " does not exist any more: the stream fails when it reconnects"
                            + " (see 'slot.lost-action').");
            return problems;
        }
        String walStatus = h.walStatus();
        if ("extended".equals(walStatus)) {
            problems.put(
                    "wal_status " + walStatus,
                    name
                            + " has wal_status = 'extended': it retains more WAL than max_wal_size"
                            + " and is kept only by max_slot_wal_keep_size / wal_keep_size.");
        } else if ("unreserved".equals(walStatus)) {
            problems.put(
                    "wal_status " + walStatus,
                    name
                            + " has wal_status = 'unreserved': its oldest WAL will be removed at"
                            + " the next checkpoint and the slot invalidated, losing changes."
                            + " Make sure checkpoints complete and the job keeps up.");
        } else if ("lost".equals(walStatus)) {
            problems.put(
                    "wal_status " + walStatus,
                    name
                            + " has wal_status = 'lost': it was invalidated (its WAL removed, or"
                            + " see invalidation_reason in pg_replication_slots on PostgreSQL 17+)"
                            + " and the stream cannot resume from it (see 'slot.lost-action').");
        }
        long maxKeep = h.maxSlotWalKeepSize();
        if (h.safeWalSize() != SlotHealth.UNLIMITED
                && maxKeep > 0
                && h.safeWalSize() < SlotHealthSettings.SAFE_WAL_WARN_FRACTION * maxKeep) {
            problems.put(
                    "safe_wal_size",
                    name
                            + " can take only "
                            + size(h.safeWalSize())
                            + " more WAL (safe_wal_size) before max_slot_wal_keep_size ("
                            + size(maxKeep)
                            + ") invalidates it.");
        }
        long retained = h.retainedWalBytes();
        if (retained > settings.retainedWalWarnBytes()) {
            problems.put(
                    "retained_wal",
                    name
                            + " retains "
                            + size(retained)
                            + " of WAL (restart_lsn "
                            + Lsn.format(h.restartLsn())
                            + "), above 'slot.health.retained-wal-warning'. Checkpoints must"
                            + " complete for the slot to advance; a long-running transaction"
                            + " also holds it back.");
        }
        Duration age = Duration.ofMillis(restartAgeMillis);
        if (age.compareTo(settings.restartLsnAgeWarn()) > 0) {
            problems.put(
                    "restart_lsn_age",
                    name
                            + "'s restart_lsn "
                            + Lsn.format(h.restartLsn())
                            + " is at least "
                            + age.toMinutes()
                            + " minutes of WAL old, above 'slot.health.restart-lsn-age-warning'."
                            + " Neon removes slots about 40 hours of WAL behind.");
        }
        return problems;
    }

    /** {@code 512 bytes}, {@code 87 kB}, {@code 340 MB}, {@code 12 GB} (binary units). */
    static String size(long bytes) {
        if (bytes < 10L << 10) {
            return bytes + " bytes";
        }
        if (bytes < 10L << 20) {
            return (bytes >> 10) + " kB";
        }
        return bytes < 10L << 30 ? (bytes >> 20) + " MB" : (bytes >> 30) + " GB";
    }
}
