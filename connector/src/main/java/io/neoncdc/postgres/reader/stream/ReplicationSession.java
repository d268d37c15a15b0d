package io.neoncdc.postgres.reader.stream;

import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import io.neoncdc.postgres.connection.PgConnector;
import io.neoncdc.postgres.connection.SocketActivity;
import io.neoncdc.postgres.pgoutput.Lsn;
import io.neoncdc.postgres.pgoutput.PgOutputDecoder;
import io.neoncdc.postgres.pgoutput.PgOutputMessage;
import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;
import org.postgresql.replication.fluent.logical.ChainedLogicalStreamBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One replication connection streaming pgoutput from the slot; fetcher thread only. */
final class ReplicationSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicationSession.class);

    private final NeonPostgresSourceConfig config;
    private final PgConnector connector;
    private PGConnection connection;
    private PGReplicationStream stream;
    private PgOutputDecoder decoder;
    private boolean binary;
    private StreamLiveness liveness;
    private boolean silent;

    ReplicationSession(NeonPostgresSourceConfig config, PgConnector connector) {
        this.config = config;
        this.connector = connector;
    }

    boolean isOpen() {
        return stream != null;
    }

    /**
     * Starts replication from the slot; the server skips transactions ending before startLsn.
     *
     * @param binaryValues ask for binary column values (PostgreSQL 14+; types without a binary send
     *     function still arrive as text)
     */
    void open(long startLsn, boolean binaryValues) throws SQLException {
        connection = connector.openReplication();
        silent = false;
        try {
            liveness = new StreamLiveness(walSenderTimeoutMillis());
            ChainedLogicalStreamBuilder builder =
                    connection
                            .getReplicationAPI()
                            .replicationStream()
                            .logical()
                            .withSlotName(config.slotName())
                            .withStartPosition(LogSequenceNumber.valueOf(startLsn))
                            .withSlotOption("proto_version", 1)
                            .withSlotOption(
                                    "publication_names", TableId.quote(config.publicationName()))
                            .withStatusInterval(10, TimeUnit.SECONDS)
                            // pgjdbc would otherwise report keepalive positions as flushed on
                            // its own: only completed checkpoints may move the slot.
                            .withAutomaticFlush(false);
            if (binaryValues) {
                builder = builder.withSlotOption("binary", true);
            }
            stream = builder.start();
            binary = binaryValues;
        } catch (SQLException e) {
            close();
            throw e;
        }
        decoder = new PgOutputDecoder();
        LOG.info(
                "Streaming slot {} (publication {}) from {} with {} values",
                config.slotName(),
                config.publicationName(),
                Lsn.format(startLsn),
                binaryValues ? "binary" : "text");
    }

    /** Whether the open session asked for binary values. */
    boolean isBinary() {
        return stream != null && binary;
    }

    ByteBuffer readPending() throws SQLException {
        ByteBuffer buffer = stream.readPending();
        if (buffer == null) {
            checkAlive();
        }
        return buffer;
    }

    /** Nothing to read: pings a server that has been silent, fails a connection that stays so. */
    private void checkAlive() throws SQLException {
        long lastRead = SocketActivity.lastReadNanos(connection);
        if (lastRead < 0) {
            return;
        }
        switch (liveness.check(lastRead, System.nanoTime())) {
            case PING:
                stream.forceUpdateStatus(); // asks for a reply; confirms nothing new
                return;
            case DEAD:
                silent = true;
                throw new SQLException(
                        "No byte from the server on the replication connection for "
                                + liveness.deadAfterMillis() / 1000
                                + " s after asking it for a reply: the connection was cut"
                                + " silently (network, proxy or NAT); reconnecting",
                        "08006");
            default:
        }
    }

    /** The server's wal_sender_timeout in milliseconds, or 0 (off or unknown). */
    private long walSenderTimeoutMillis() {
        try (java.sql.Statement st = ((java.sql.Connection) connection).createStatement();
                java.sql.ResultSet rs =
                        st.executeQuery(
                                "SELECT setting FROM pg_settings"
                                        + " WHERE name = 'wal_sender_timeout'")) {
            return rs.next() ? Long.parseLong(rs.getString(1)) : 0;
        } catch (SQLException | NumberFormatException e) {
            LOG.debug("Reading wal_sender_timeout failed", e);
            return 0;
        }
    }

    PgOutputMessage decode(ByteBuffer buffer) {
        return decoder.decode(buffer, stream.getLastReceiveLSN().asLong());
    }

    /** The last WAL position the server reported (message start or keepalive WAL end). */
    long lastReceivedLsn() {
        return stream == null ? 0 : stream.getLastReceiveLSN().asLong();
    }

    /** Tells the server everything up to {@code lsn} is durably processed. */
    void confirm(long lsn) throws SQLException {
        LogSequenceNumber l = LogSequenceNumber.valueOf(lsn);
        stream.setFlushedLSN(l);
        stream.setAppliedLSN(l);
        stream.forceUpdateStatus();
        LOG.debug("Confirmed {} to slot {}", Lsn.format(lsn), config.slotName());
    }

    @Override
    public void close() {
        if (stream != null) {
            try {
                if (!silent) {
                    stream.close(); // waits for the server's answer: not on a silent connection
                }
            } catch (SQLException e) {
                LOG.debug("Closing the replication stream failed", e);
            }
            stream = null;
        }
        if (connection != null) {
            try {
                ((java.sql.Connection) connection).close();
            } catch (SQLException e) {
                LOG.debug("Closing the replication connection failed", e);
            }
            connection = null;
        }
    }

    /** Failures worth a reconnect: lost connections, restarts, a slot still held briefly. */
    static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        return state == null
                || state.startsWith("08")
                || state.startsWith("57P")
                || "55006".equals(state)
                || "53300".equals(state);
    }

    /** An error message that names the object and the fix. */
    static String describe(SQLException e, NeonPostgresSourceConfig config, int attempts) {
        String msg = String.valueOf(e.getMessage());
        String slot = "'" + config.slotName() + "'";
        if ("55006".equals(e.getSQLState()) || msg.contains("is active for PID")) {
            return "Replication slot "
                    + slot
                    + " is in use by another connection ("
                    + msg
                    + "): another job or client (a second Flink job, pg_recvlogical) is reading"
                    + " it. Stop that reader (a stale one: SELECT pg_terminate_backend(active_pid)"
                    + " FROM pg_replication_slots WHERE slot_name = "
                    + slot
                    + ";), or give this job its own 'slot.name'.";
        }
        if ("42501".equals(e.getSQLState())) {
            return "Role '"
                    + config.connection().user()
                    + "' may not stream from replication slot "
                    + slot
                    + " ("
                    + msg
                    + "): it lacks the REPLICATION attribute. Run ALTER ROLE "
                    + TableId.quote(config.connection().user())
                    + " WITH REPLICATION; (on Neon, enable logical replication in the console and"
                    + " use a role created in the console or with the API), or set 'username' to"
                    + " a role that has it.";
        }
        if (msg.contains("replication slot") && msg.contains("does not exist")) {
            return "Replication slot "
                    + slot
                    + " does not exist ("
                    + msg
                    + "). It was dropped, or lost with a server upgrade or a Neon branch restore;"
                    + " the changes since the last checkpoint are no longer available. Restart"
                    + " the job without state to take a new snapshot.";
        }
        if (msg.contains("publication") && msg.contains("does not exist")) {
            return "Publication '"
                    + config.publicationName()
                    + "' does not exist ("
                    + msg
                    + ") as of a change the slot still has to decode. If it exists now, it was"
                    + " created after that change was written: drop the slot and restart the job"
                    + " without state (a new snapshot). Otherwise create it: CREATE PUBLICATION "
                    + TableId.quote(config.publicationName())
                    + " FOR TABLE <captured tables>;";
        }
        return "Replication from slot "
                + slot
                + " failed after "
                + attempts
                + " attempt(s) ('connect.max-retries' = "
                + config.connection().maxRetries()
                + "): "
                + msg;
    }
}
