package io.neoncdc.postgres.metrics;

import io.neoncdc.postgres.pgoutput.Lsn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.flink.annotation.Internal;

/**
 * Reads the slot's health in one query on a connection the caller already has (the stream's catalog
 * connection: the connector opens no extra connection for it).
 */
@Internal
public final class SlotHealthProbe {
    private static final long MB = 1L << 20;

    private final boolean pg13;

    /**
     * @param serverVersionNum {@code server_version_num}, e.g. 170004
     */
    public SlotHealthProbe(int serverVersionNum) {
        this.pg13 = serverVersionNum >= 130000;
    }

    public SlotHealth read(Connection c, String slot) throws SQLException {
        String sql =
                "SELECT (CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn()"
                        + " ELSE pg_current_wal_lsn() END)::text,"
                        + " s.slot_name IS NOT NULL, s.confirmed_flush_lsn::text,"
                        + " s.restart_lsn::text, "
                        + (pg13
                                ? "s.wal_status, s.safe_wal_size, (SELECT setting::bigint FROM"
                                        + " pg_settings WHERE name = 'max_slot_wal_keep_size')"
                                : "NULL, NULL::bigint, NULL::bigint")
                        + " FROM (SELECT 1) one LEFT JOIN pg_replication_slots s"
                        + " ON s.slot_name = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, slot);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long current = lsn(rs.getString(1));
                if (!rs.getBoolean(2)) {
                    return SlotHealth.missing(current);
                }
                long safe = rs.getLong(6);
                boolean safeKnown = !rs.wasNull();
                long maxKeepMb = rs.getLong(7);
                boolean maxKnown = !rs.wasNull() && maxKeepMb >= 0;
                return new SlotHealth(
                        true,
                        lsn(rs.getString(3)),
                        lsn(rs.getString(4)),
                        rs.getString(5),
                        safeKnown ? safe : SlotHealth.UNLIMITED,
                        current,
                        maxKnown ? maxKeepMb * MB : SlotHealth.UNLIMITED);
            }
        }
    }

    private static long lsn(String text) {
        return text == null ? 0 : Lsn.parse(text);
    }
}
