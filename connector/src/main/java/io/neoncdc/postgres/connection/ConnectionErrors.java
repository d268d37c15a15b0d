package io.neoncdc.postgres.connection;

import io.neoncdc.postgres.config.ConnectionConfig;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.sql.SQLException;
import org.postgresql.util.PSQLState;

/** Turns pgjdbc's connection failures into messages that name the setting to fix. */
final class ConnectionErrors {
    private ConnectionErrors() {}

    /**
     * @param hostMismatch what the {@code verify-full} host name check found, or null
     */
    static SQLException explain(SQLException e, ConnectionConfig config, String hostMismatch) {
        String hint = TlsErrors.hint(e, config, hostMismatch);
        if (hint == null) {
            hint = plainHint(e, config);
        }
        if (hint == null) {
            return e;
        }
        return new SQLException("Cannot connect to " + config + ": " + hint, e.getSQLState(), e);
    }

    private static String plainHint(SQLException e, ConnectionConfig config) {
        String state = e.getSQLState();
        String message = String.valueOf(e.getMessage());
        if ("28000".equals(state) && message.contains("no encryption")) {
            return "the server accepts only TLS connections from here (pg_hba.conf 'hostssl'),"
                    + " but 'ssl.mode' = '"
                    + config.sslMode()
                    + "': set 'ssl.mode' = 'verify-full' (or 'require').";
        } else if ("28P01".equals(state) || "28000".equals(state)) {
            return "authentication failed for role '"
                    + config.user()
                    + "': check 'username' and 'password' (and, for replication, that"
                    + " pg_hba.conf allows this role).";
        } else if ("3D000".equals(state)) {
            return "database '" + config.database() + "' does not exist: check 'database-name'.";
        } else if (hasCause(e, UnknownHostException.class)) {
            return "unknown host '" + config.host() + "': check 'hostname'.";
        } else if (config.sshTunnel() != null
                && PSQLState.CONNECTION_UNABLE_TO_CONNECT.getState().equals(state)) {
            return "the SSH bastion "
                    + config.sshTunnel()
                    + " did not connect the tunnel to "
                    + config.host()
                    + ":"
                    + config.port()
                    + " ("
                    + message
                    + "): check 'hostname' and 'port' as the bastion sees them, and that the"
                    + " bastion allows TCP forwarding (AllowTcpForwarding).";
        } else if (hasCause(e, ConnectException.class)) {
            return "nothing accepts connections on "
                    + config.host()
                    + ":"
                    + config.port()
                    + " (connection refused): check 'hostname' and 'port' (Neon listens"
                    + " on 5432) and that the server is running.";
        } else if (PSQLState.CONNECTION_REJECTED.getState().equals(state)
                && message.contains("does not support SSL")) {
            return "the server does not accept TLS but 'ssl.mode' = '"
                    + config.sslMode()
                    + "' requires it: enable TLS on the server, or set 'ssl.mode' ="
                    + " 'disable' (or 'prefer') for a server without TLS (Neon always"
                    + " offers TLS).";
        } else if (PSQLState.CONNECTION_UNABLE_TO_CONNECT.getState().equals(state)) {
            return "cannot reach "
                    + config.host()
                    + ":"
                    + config.port()
                    + " within 'connect.timeout' = "
                    + config.connectTimeout()
                    + ": check 'hostname', 'port' and the network.";
        }
        return null;
    }

    static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        return cause(t, type) != null;
    }

    static <T extends Throwable> T cause(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    static boolean isUntrustedCertificate(Throwable e) {
        return hasCause(e, CertPathBuilderException.class)
                || hasCause(e, CertPathValidatorException.class)
                || String.valueOf(e.getMessage()).contains("PKIX path");
    }
}
