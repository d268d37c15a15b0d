package io.neoncdc.postgres.reader.stream;

import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import io.neoncdc.postgres.pgoutput.Lsn;
import java.io.IOException;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts consecutive replication connection failures and waits before the next attempt (exponential
 * backoff, at most 30 s); gives up on a permanent error or after {@code connect.max-retries}.
 */
final class Reconnects {
    private static final Logger LOG = LoggerFactory.getLogger(Reconnects.class);

    private final NeonPostgresSourceConfig config;
    private int failures;

    Reconnects(NeonPostgresSourceConfig config) {
        this.config = config;
    }

    /** Data arrived: the connection works again. */
    void succeeded() {
        failures = 0;
    }

    /** Waits before reconnecting from {@code restartLsn}, or throws when it should not. */
    void failed(SQLException e, long restartLsn) throws IOException {
        failures++;
        if (!ReplicationSession.isTransient(e) || failures > config.connection().maxRetries()) {
            throw new IOException(ReplicationSession.describe(e, config, failures), e);
        }
        long backoff =
                Math.min(
                        30_000L,
                        config.connection().retryBackoff().toMillis()
                                * (1L << Math.min(failures - 1, 10)));
        LOG.warn(
                "Replication connection failed ({}); reconnecting in {} ms from {} (attempt {} of"
                        + " {})",
                e.getMessage(),
                backoff,
                Lsn.format(restartLsn),
                failures,
                config.connection().maxRetries());
        try {
            Thread.sleep(backoff);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while reconnecting", ie);
        }
    }
}
