package io.neoncdc.postgres.reader.stream;

import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Layer-2 heartbeat: every {@code heartbeat.interval} the stream writes a little WAL in the
 * captured database ({@code heartbeat.action-query} or an upsert into {@code heartbeat.table}), so
 * the slot keeps moving even when nothing else on the server writes. Failures are logged, never
 * fatal: the heartbeat only helps WAL retention, it carries no data.
 */
final class Heartbeat {
    private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);

    private final String sql;
    private final String createTable;
    private final long intervalNanos;
    private long lastNanos = System.nanoTime();
    private boolean tableChecked;

    Heartbeat(NeonPostgresSourceConfig config) {
        this.intervalNanos = config.heartbeatInterval().toNanos();
        if (config.heartbeatActionQuery() != null) {
            sql = config.heartbeatActionQuery();
            createTable = null;
        } else if (config.heartbeatTable() != null) {
            String[] parts = config.heartbeatTable().split("\\.", 2);
            String table = new TableId(parts[0], parts[1]).quoted();
            sql =
                    "INSERT INTO "
                            + table
                            + " (id, ts) VALUES (1, now())"
                            + " ON CONFLICT (id) DO UPDATE SET ts = excluded.ts";
            createTable =
                    "CREATE TABLE IF NOT EXISTS "
                            + table
                            + " (id int PRIMARY KEY, ts timestamptz NOT NULL)";
        } else {
            sql = null;
            createTable = null;
        }
    }

    /** Runs the heartbeat when it is due (fetcher thread, between transactions). */
    void maybeBeat(Supplier<Connection> connection) {
        if (sql == null || System.nanoTime() - lastNanos < intervalNanos) {
            return;
        }
        lastNanos = System.nanoTime();
        try (Statement st = connection.get().createStatement()) {
            if (createTable != null && !tableChecked) {
                st.execute(createTable);
                tableChecked = true;
            }
            st.execute(sql);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Heartbeat failed (the stream continues): {}", e.getMessage());
        }
    }
}
