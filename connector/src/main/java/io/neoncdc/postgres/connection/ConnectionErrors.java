package io.neoncdc.postgres.connection;

import io.neoncdc.postgres.config.ConnectionConfig;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import org.postgresql.util.PSQLState;

/** Turns pgjdbc's connection failures into messages that name the setting to fix. */
final class ConnectionErrors {
    private ConnectionErrors() {}

    static SQLException explain(SQLException e, ConnectionConfig config) {
        String state = e.getSQLState();
        String hint;
        if ("28P01".equals(state) || "28000".equals(state)) {
            hint =
                    "authentication failed for role '"
                            + config.user()
                            + "': check 'username' and 'password' (and, for replication, that"
                            + " pg_hba.conf allows this role).";
        } else if ("3D000".equals(state)) {
            hint = "database '" + config.database() + "' does not exist: check 'database-name'.";
        } else if (hasCause(e, UnknownHostException.class)) {
            hint = "unknown host '" + config.host() + "': check 'hostname'.";
        } else if (hasCause(e, ConnectException.class)) {
            hint =
                    "nothing accepts connections on "
                            + config.host()
                            + ":"
                            + config.port()
                            + " (connection refused): check 'hostname' and 'port' (Neon listens"
                            + " on 5432) and that the server is running.";
        } else if (PSQLState.CONNECTION_REJECTED.getState().equals(state)
                && String.valueOf(e.getMessage()).contains("does not support SSL")) {
            hint =
                    "the server does not accept TLS but 'ssl.mode' = '"
                            + config.sslMode()
                            + "' requires it: enable TLS on the server, or set 'ssl.mode' ="
                            + " 'disable' (or 'prefer') for a server without TLS (Neon always"
                            + " offers TLS).";
        } else if (PSQLState.CONNECTION_UNABLE_TO_CONNECT.getState().equals(state)) {
            hint =
                    "cannot reach "
                            + config.host()
                            + ":"
                            + config.port()
                            + " within 'connect.timeout' = "
                            + config.connectTimeout()
                            + ": check 'hostname', 'port' and the network.";
        } else {
            return e;
        }
        return new SQLException("Cannot connect to " + config + ": " + hint, state, e);
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
