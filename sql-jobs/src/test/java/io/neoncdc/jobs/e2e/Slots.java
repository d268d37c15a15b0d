package io.neoncdc.jobs.e2e;

import io.neoncdc.postgres.testutil.TestDatabase;

/** Drops the replication slots a test's jobs created, once their connections are gone. */
public final class Slots {
    private Slots() {}

    /** Waits up to 30 s for each slot to become inactive (the killed JVMs' sessions end). */
    public static void drop(TestDatabase db, String... slots) throws InterruptedException {
        for (String slot : slots) {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (System.nanoTime() < deadline) {
                try {
                    db.execute(
                            "SELECT pg_drop_replication_slot(slot_name) FROM"
                                    + " pg_replication_slots WHERE slot_name = '"
                                    + slot
                                    + "'");
                    break;
                } catch (IllegalStateException stillActive) {
                    Thread.sleep(500);
                }
            }
        }
    }
}
