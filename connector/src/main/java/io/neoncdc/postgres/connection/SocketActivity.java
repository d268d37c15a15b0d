package io.neoncdc.postgres.connection;

import java.sql.Connection;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.WeakHashMap;

/**
 * When a connection opened by {@link PgConnector} last received bytes from the server (any message:
 * data, keepalive, a reply to a status update), read by the socket itself.
 */
public final class SocketActivity {
    private static final Map<Object, KeepAliveSocketFactory.TrackedSocket> BOUND =
            Collections.synchronizedMap(new WeakHashMap<>());

    private SocketActivity() {}

    /** Links a new connection to the socket its properties' factory made. */
    static void bind(Connection connection, Properties props) {
        KeepAliveSocketFactory.TrackedSocket socket =
                KeepAliveSocketFactory.take(props.getProperty(KeepAliveSocketFactory.SOCKET_ID));
        if (socket != null) {
            BOUND.put(connection, socket);
        }
    }

    /**
     * {@link System#nanoTime()} when the connection (a {@link Connection} or the {@code
     * PGConnection} it unwraps to) last received bytes, or -1 if unknown (not opened here).
     */
    public static long lastReadNanos(Object connection) {
        KeepAliveSocketFactory.TrackedSocket socket = BOUND.get(connection);
        return socket == null ? -1 : socket.lastReadNanos();
    }
}
