package io.neoncdc.postgres.connection;

import io.neoncdc.postgres.config.ConnectionConfig;
import io.neoncdc.postgres.config.SshTunnelConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.postgresql.util.PSQLState;

/**
 * The SSH tunnels of this JVM, one per tunnel config and database address, shared by every
 * connection of every source instance here; a tunnel without forwarded connections for {@link
 * #IDLE_CLOSE} is closed and re-opened by the next connection.
 */
final class SshTunnels {
    static final Duration IDLE_CLOSE = Duration.ofSeconds(60);

    private static final Map<Key, SshTunnel> TUNNELS = new HashMap<>();
    private static ScheduledExecutorService reaper;

    private SshTunnels() {}

    /**
     * The local address that forwards to the config's database host and port. Holds the lock while
     * (re-)opening, so the reaper never closes a tunnel that is being handed out.
     */
    static synchronized InetSocketAddress localEndpoint(ConnectionConfig config)
            throws SQLException {
        SshTunnel tunnel = tunnel(config);
        try {
            return tunnel.localEndpoint();
        } catch (IOException e) {
            throw new SQLException(
                    "Cannot connect to " + config + ": " + e.getMessage(),
                    PSQLState.CONNECTION_UNABLE_TO_CONNECT.getState(),
                    e);
        }
    }

    private static SshTunnel tunnel(ConnectionConfig config) {
        Key key = new Key(config.sshTunnel(), config.host(), config.port());
        SshTunnel tunnel = TUNNELS.get(key);
        if (tunnel == null) {
            tunnel = new SshTunnel(key.ssh, key.host, key.port, config.connectTimeout());
            TUNNELS.put(key, tunnel);
            if (reaper == null) {
                reaper =
                        Executors.newSingleThreadScheduledExecutor(
                                r -> {
                                    Thread t = new Thread(r, "neon-postgres-cdc ssh tunnel reaper");
                                    t.setDaemon(true);
                                    return t;
                                });
                long period = Math.max(1, IDLE_CLOSE.toSeconds() / 2);
                reaper.scheduleWithFixedDelay(
                        SshTunnels::closeIdle, period, period, TimeUnit.SECONDS);
            }
        }
        return tunnel;
    }

    /** Closes idle tunnels; stops the reaper thread when none is left (no leaked class loader). */
    static synchronized void closeIdle() {
        for (Map.Entry<Key, SshTunnel> e : List.copyOf(TUNNELS.entrySet())) {
            if (e.getValue().idleFor(IDLE_CLOSE)) {
                e.getValue().close();
                TUNNELS.remove(e.getKey());
            }
        }
        if (TUNNELS.isEmpty() && reaper != null) {
            reaper.shutdown();
            reaper = null;
        }
    }

    /** Closes every tunnel of this JVM (tests). */
    static synchronized void closeAll() {
        TUNNELS.values().forEach(SshTunnel::close);
        TUNNELS.clear();
        if (reaper != null) {
            reaper.shutdown();
            reaper = null;
        }
    }

    /** Tunnel identity: the SSH settings and the forwarded database address. */
    private static final class Key {
        final SshTunnelConfig ssh;
        final String host;
        final int port;

        Key(SshTunnelConfig ssh, String host, int port) {
            this.ssh = ssh;
            this.host = host;
            this.port = port;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Key)) {
                return false;
            }
            Key k = (Key) o;
            return ssh.equals(k.ssh) && host.equals(k.host) && port == k.port;
        }

        @Override
        public int hashCode() {
            return Objects.hash(ssh, host, port);
        }
    }
}
