package io.neoncdc.postgres.cli;

import io.neoncdc.postgres.catalog.ServerVersion;
import io.neoncdc.postgres.catalog.Slots;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import io.neoncdc.postgres.config.SslMode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.apache.flink.table.api.ValidationException;

/** Checks of the server and the session: TLS, version, {@code wal_level}, the role's attributes. */
final class ServerChecks {
    private final NeonPostgresSourceConfig config;
    private final Connection connection;

    ServerChecks(NeonPostgresSourceConfig config, Connection connection) {
        this.config = config;
        this.connection = connection;
    }

    /** Adds the checks; returns whether the role may replicate (REPLICATION or superuser). */
    boolean run(Checklist list) throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs =
                        st.executeQuery(
                                "SELECT current_setting('server_version'),"
                                        + " current_setting('wal_level'), s.ssl, s.version,"
                                        + " s.cipher, r.rolreplication, r.rolsuper, current_user"
                                        + " FROM pg_roles r LEFT JOIN pg_stat_ssl s"
                                        + " ON s.pid = pg_backend_pid()"
                                        + " WHERE r.rolname = current_user")) {
            rs.next();
            list.add(tls(rs.getBoolean(3), rs.getString(4), rs.getString(5)));
            list.add(version(rs.getString(1), ServerVersion.of(connection)));
            list.add(walLevel(rs.getString(2)));
            boolean replication = rs.getBoolean(6) || rs.getBoolean(7);
            list.add(replication(rs.getString(8), rs.getBoolean(6), rs.getBoolean(7)));
            return replication;
        }
    }

    Check tls(boolean ssl, String version, String cipher) {
        SslMode mode = config.connection().sslMode();
        String setting = "'ssl.mode' = '" + mode + "'";
        boolean neon = isNeonHost(config.connection().host());
        if (ssl) {
            String detail = "in use: " + version + " " + cipher + " (" + setting + ")";
            if (neon && mode != SslMode.VERIFY_FULL && mode != SslMode.VERIFY_CA) {
                return Check.warn(
                        "TLS",
                        detail
                                + "; the server certificate is not verified. Set 'ssl.mode' ="
                                + " 'verify-full' (Neon's certificates chain to public CAs).");
            }
            return Check.ok("TLS", detail);
        }
        if (mode == SslMode.DISABLE && !neon) {
            return Check.ok("TLS", "not in use (" + setting + ")");
        }
        String fix =
                neon
                        ? "Neon accepts only TLS connections: set 'ssl.mode' = 'verify-full'."
                        : "The server offers no TLS: enable ssl on the server and set 'ssl.mode' ="
                                + " 'verify-full', or 'disable' to accept plain text knowingly.";
        return neon
                ? Check.fail("TLS", "not in use (" + setting + "). " + fix)
                : Check.warn("TLS", "not in use although " + setting + " allows it. " + fix);
    }

    static Check version(String version, int number) {
        String detail = "PostgreSQL " + version + " (server_version_num " + number + ")";
        if (number < 100000) {
            return Check.fail(
                    "Server version", detail + ": logical replication with pgoutput needs 10+.");
        }
        if (number < 130000) {
            return Check.warn(
                    "Server version",
                    detail
                            + ": partitioned tables are captured through their root only on 13+"
                            + " (publish_via_partition_root).");
        }
        return Check.ok("Server version", detail);
    }

    /** The {@code wal_level} item, judged by the check the source runs at start. */
    static Check walLevel(String walLevel) {
        try {
            Slots.checkWalLevel(walLevel);
            return Check.ok("wal_level", walLevel);
        } catch (ValidationException e) {
            return Check.fail("wal_level", e.getMessage());
        }
    }

    static Check replication(String role, boolean replication, boolean superuser) {
        if (replication || superuser) {
            return Check.ok(
                    "REPLICATION",
                    "role '" + role + "' " + (replication ? "has it" : "is a superuser"));
        }
        return Check.fail("REPLICATION", "Role '" + role + "' " + Slots.lacksReplication(role));
    }

    /** Neon's host names: {@code ep-…neon.tech} (and the staging {@code neon.build}). */
    static boolean isNeonHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.endsWith(".neon.tech") || h.endsWith(".neon.build");
    }
}
