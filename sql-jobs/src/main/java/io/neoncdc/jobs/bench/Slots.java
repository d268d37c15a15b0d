package io.neoncdc.jobs.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** Logical slots of the bench (all named {@code bench_…}) and WAL positions. */
final class Slots {
    private Slots() {}

    static void create(BenchServer server, String... names) throws SQLException {
        try (Connection c = server.connect();
                PreparedStatement st =
                        c.prepareStatement(
                                "SELECT pg_create_logical_replication_slot(?, 'pgoutput')")) {
            for (String name : names) {
                st.setString(1, name);
                st.execute();
            }
        }
    }

    static void drop(BenchServer server, String... names) throws SQLException {
        try (Connection c = server.connect();
                PreparedStatement st =
                        c.prepareStatement(
                                "SELECT pg_drop_replication_slot(slot_name)"
                                        + " FROM pg_replication_slots WHERE slot_name = ?")) {
            for (String name : names) {
                st.setString(1, name);
                st.execute();
            }
        }
    }

    /** Drops the inactive slots of the bench's database whose names start with a prefix. */
    static void dropLeftovers(BenchServer server, String prefix) throws SQLException {
        try (Connection c = server.connect();
                PreparedStatement st =
                        c.prepareStatement(
                                "SELECT pg_drop_replication_slot(slot_name)"
                                        + " FROM pg_replication_slots WHERE NOT active"
                                        + " AND database = current_database()"
                                        + " AND starts_with(slot_name, ?)")) {
            st.setString(1, prefix);
            st.execute();
        }
    }

    /** The server's current WAL insert position, e.g. {@code 0/16B3748}. */
    static String currentLsn(BenchServer server) throws SQLException {
        try (Connection c = server.connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT pg_current_wal_insert_lsn()::text")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * Waits until a client streams from the slot and returns {@link System#nanoTime()} of the first
     * poll that saw it active (polls every 5 ms): the common start of our drain and the baseline.
     */
    static long awaitActive(BenchServer server, String slot, Duration timeout)
            throws SQLException, InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection c = server.connect();
                PreparedStatement st =
                        c.prepareStatement(
                                "SELECT active FROM pg_replication_slots WHERE slot_name = ?")) {
            st.setString(1, slot);
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        return System.nanoTime();
                    }
                }
                Thread.sleep(5);
            }
        }
        throw new TimeoutException("Slot " + slot + " did not become active within " + timeout);
    }
}
