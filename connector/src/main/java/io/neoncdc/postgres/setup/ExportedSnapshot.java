package io.neoncdc.postgres.setup;

import io.neoncdc.postgres.catalog.ServerVersion;
import io.neoncdc.postgres.catalog.SessionTimeouts;
import io.neoncdc.postgres.catalog.TableLock;
import io.neoncdc.postgres.connection.PgConnector;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.flink.annotation.Internal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A snapshot exported by an open REPEATABLE READ transaction on a coordinator connection: the
 * chunks of tables without a key import it, so all of a table's page ranges see the same rows. It
 * lives only as long as this connection; close it once those chunks are read.
 */
@Internal
public final class ExportedSnapshot implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExportedSnapshot.class);

    private final Connection connection;
    private final String id;

    private ExportedSnapshot(Connection connection, String id) {
        this.connection = connection;
        this.id = id;
    }

    /**
     * @param tables the quoted names of the tables read under this snapshot
     */
    public static ExportedSnapshot export(PgConnector connector, java.util.List<String> tables)
            throws SQLException {
        Connection c = connector.openQuery();
        try {
            int version = ServerVersion.of(c);
            // Idle in its transaction until the tables' chunks are checkpointed: a role's
            // idle_in_transaction_session_timeout (or transaction_timeout) must not end it.
            SessionTimeouts.disableForSession(c, version);
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (Statement st = c.createStatement()) {
                // Page-range chunks are a partition of the rows only while no rewrite (VACUUM
                // FULL, CLUSTER, a rewriting ALTER TABLE) moves tuples: ACCESS SHARE, held as
                // long as the snapshot, blocks them (as pg_dump does). Taken before the snapshot
                // exists, so the snapshot cannot predate a rewrite that committed meanwhile.
                TableLock.accessShare(c, st, tables, version, null, begin -> {});
            }
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT pg_export_snapshot()")) {
                rs.next();
                String id = rs.getString(1);
                LOG.info("Exported snapshot {} for the chunks of tables without a key", id);
                return new ExportedSnapshot(c, id);
            }
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }

    public String id() {
        return id;
    }

    @Override
    public void close() {
        try {
            connection.rollback();
            connection.close();
            LOG.info("Released exported snapshot {}", id);
        } catch (SQLException e) {
            LOG.debug("Closing the snapshot connection failed", e);
        }
    }
}
