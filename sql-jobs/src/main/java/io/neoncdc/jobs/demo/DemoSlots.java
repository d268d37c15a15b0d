package io.neoncdc.jobs.demo;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Removes the demo's replication slots from an external server when a run ends (and leftovers of an
 * interrupted run when one starts): an idle slot would make the server retain WAL, and Neon allows
 * only ten.
 */
final class DemoSlots {
    private DemoSlots() {}

    /**
     * Drops the inactive slots among the given ones, retrying for up to {@code waitMillis} while a
     * just-cancelled reader's walsender is still exiting; returns how many are left.
     */
    static int drop(ConnectionSettings db, List<String> slots, long waitMillis)
            throws SQLException, InterruptedException {
        long deadline = System.currentTimeMillis() + waitMillis;
        try (Connection c = db.connect()) {
            Array names = c.createArrayOf("text", slots.toArray());
            while (true) {
                try (PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT pg_drop_replication_slot(slot_name) FROM"
                                        + " pg_replication_slots WHERE slot_name = ANY (?) AND NOT"
                                        + " active")) {
                    ps.setArray(1, names);
                    ps.execute();
                } catch (SQLException e) {
                    // A slot became active between the check and the drop: try again below.
                }
                int left;
                try (PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT count(*) FROM pg_replication_slots WHERE slot_name = ANY"
                                        + " (?)")) {
                    ps.setArray(1, names);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        left = rs.getInt(1);
                    }
                }
                if (left == 0 || System.currentTimeMillis() > deadline) {
                    return left;
                }
                Thread.sleep(500);
            }
        }
    }
}
