package io.neoncdc.postgres.slot;

import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.connection.PgConnector;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.flink.annotation.Internal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switches an existing slot to FAILOVER ({@code slot.failover}, PostgreSQL 17+): only the
 * replication command {@code ALTER_REPLICATION_SLOT} can, on a replication connection; retried
 * while the previous stream connection still holds the slot.
 */
@Internal
public final class FailoverSlot {
    private static final Logger LOG = LoggerFactory.getLogger(FailoverSlot.class);

    private FailoverSlot() {}

    public static void enable(PgConnector connector, String slot) throws SQLException {
        SQLException last = null;
        for (int attempt = 1; attempt <= 40; attempt++) {
            try (Connection c = (Connection) connector.openReplication();
                    Statement st = c.createStatement()) {
                st.execute("ALTER_REPLICATION_SLOT " + TableId.quote(slot) + " ( FAILOVER true )");
                LOG.info("Replication slot {} now has FAILOVER ('slot.failover')", slot);
                return;
            } catch (SQLException e) {
                if (!"55006".equals(e.getSQLState())) {
                    throw e;
                }
                last = e; // still active for the previous reader's connection
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new SQLException(
                "Cannot switch replication slot '"
                        + slot
                        + "' to FAILOVER ('slot.failover'): it stayed in use by another"
                        + " connection. Stop that reader, or run on a replication connection:"
                        + " ALTER_REPLICATION_SLOT "
                        + slot
                        + " ( FAILOVER true )",
                "55006",
                last);
    }
}
