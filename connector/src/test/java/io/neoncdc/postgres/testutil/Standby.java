package io.neoncdc.postgres.testutil;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.util.Map;

/**
 * A hot standby of a {@link DedicatedServer}, made the way a cold base backup is (the embedded
 * binaries have no pg_basebackup): the primary stops cleanly, its data directory is copied without
 * its slots, and the copy starts with {@code standby.signal}, streaming from the primary through a
 * physical slot with {@code hot_standby_feedback} and (PostgreSQL 17+) {@code
 * sync_replication_slots}, so failover slots are synced to it.
 */
public final class Standby {
    private Standby() {}

    /** Stops and restarts the primary, and returns its running standby. */
    public static DedicatedServer of(DedicatedServer primary, String physicalSlot)
            throws IOException, SQLException {
        primary.server()
                .createDatabase("standby_seed")
                .execute(
                        "SELECT pg_create_physical_replication_slot('" + physicalSlot + "', true)");
        primary.stop();
        Path copy = primary.dataDir().resolveSibling("standby-" + physicalSlot);
        DataDirCopy.copy(primary.dataDir(), copy, false); // its slots are not the standby's
        primary.startAgain();
        String conf =
                "\nprimary_conninfo = 'host=127.0.0.1 port="
                        + primary.port()
                        + " user=postgres dbname=postgres application_name="
                        + physicalSlot
                        + "'\nprimary_slot_name = '"
                        + physicalSlot
                        + "'\nhot_standby = on\nhot_standby_feedback = on\n"
                        + (primary.major() >= 17 ? "sync_replication_slots = on\n" : "");
        Files.writeString(
                copy.resolve("postgresql.auto.conf"),
                conf,
                StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        Files.createFile(copy.resolve("standby.signal"));
        return DedicatedServer.startOn(primary.major(), copy, Map.of());
    }
}
