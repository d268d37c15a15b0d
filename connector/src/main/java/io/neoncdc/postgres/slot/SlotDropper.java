package io.neoncdc.postgres.slot;

import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import io.neoncdc.postgres.connection.PgConnector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.apache.flink.annotation.Internal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops the slot of a bounded job that finished ({@code slot.drop-on-stop}), so a one-off snapshot
 * leaves no slot behind to retain WAL; retries while its stream connection closes.
 */
@Internal
public final class SlotDropper {
    private static final Logger LOG = LoggerFactory.getLogger(SlotDropper.class);

    private SlotDropper() {}

    public static void drop(NeonPostgresSourceConfig config) {
        PgConnector connector =
                new PgConnector(config.connection(), "neon-postgres-cdc enumerator");
        for (int attempt = 1; attempt <= 20; attempt++) {
            try (Connection c = connector.openQuery();
                    PreparedStatement ps =
                            c.prepareStatement(
                                    "SELECT pg_drop_replication_slot(slot_name) FROM"
                                            + " pg_replication_slots WHERE slot_name = ?")) {
                ps.setString(1, config.slotName());
                ps.execute();
                LOG.info("Dropped replication slot {} ('slot.drop-on-stop')", config.slotName());
                return;
            } catch (SQLException e) {
                if (!"55006".equals(e.getSQLState())) {
                    LOG.warn(
                            "Could not drop replication slot {}: {}",
                            config.slotName(),
                            e.getMessage());
                    return;
                }
                sleep(250);
            }
        }
        LOG.warn(
                "Replication slot {} stayed active; drop it: SELECT"
                        + " pg_drop_replication_slot('{}');",
                config.slotName(),
                config.slotName());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
