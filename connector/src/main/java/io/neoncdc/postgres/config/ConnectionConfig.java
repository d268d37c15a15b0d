package io.neoncdc.postgres.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.annotation.Internal;

/**
 * How to reach the server: host, credentials, TLS, channel binding, Neon endpoint, SSH tunnel and
 * retry settings (password never printed).
 */
@Internal
public final class ConnectionConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String host;
    private final int port;
    private final String database;
    private final String user;
    private final String password;
    private final SslMode sslMode;
    private final String sslRootCert;
    private final Duration connectTimeout;
    private final int maxRetries;
    private final Duration retryBackoff;
    private final ChannelBinding channelBinding;
    private final String neonEndpointId;
    private final SshTunnelConfig sshTunnel;

    public ConnectionConfig(
            String host,
            int port,
            String database,
            String user,
            String password,
            SslMode sslMode,
            String sslRootCert,
            Duration connectTimeout,
            int maxRetries,
            Duration retryBackoff) {
        this(
                host,
                port,
                database,
                user,
                password,
                sslMode,
                sslRootCert,
                connectTimeout,
                maxRetries,
                retryBackoff,
                ChannelBinding.PREFER,
                null,
                null);
    }

    private ConnectionConfig(
            String host,
            int port,
            String database,
            String user,
            String password,
            SslMode sslMode,
            String sslRootCert,
            Duration connectTimeout,
            int maxRetries,
            Duration retryBackoff,
            ChannelBinding channelBinding,
            String neonEndpointId,
            SshTunnelConfig sshTunnel) {
        this.host = Objects.requireNonNull(host, "hostname");
        this.port = port;
        this.database = Objects.requireNonNull(database, "database-name");
        this.user = Objects.requireNonNull(user, "username");
        this.password = password;
        this.sslMode = Objects.requireNonNull(sslMode);
        this.sslRootCert = sslRootCert;
        this.connectTimeout = Objects.requireNonNull(connectTimeout);
        this.maxRetries = maxRetries;
        this.retryBackoff = Objects.requireNonNull(retryBackoff);
        this.channelBinding = Objects.requireNonNull(channelBinding);
        this.neonEndpointId = neonEndpointId;
        this.sshTunnel = sshTunnel;
    }

    /** A copy with another {@code ssl.channel-binding}. */
    public ConnectionConfig withChannelBinding(ChannelBinding binding) {
        return copy(binding, neonEndpointId, sshTunnel);
    }

    /** A copy that names the Neon endpoint in the startup options (null: none). */
    public ConnectionConfig withNeonEndpointId(String endpointId) {
        return copy(channelBinding, endpointId, sshTunnel);
    }

    /** A copy that connects through this SSH tunnel (null: directly). */
    public ConnectionConfig withSshTunnel(SshTunnelConfig tunnel) {
        return copy(channelBinding, neonEndpointId, tunnel);
    }

    private ConnectionConfig copy(
            ChannelBinding binding, String endpointId, SshTunnelConfig tunnel) {
        return new ConnectionConfig(
                host,
                port,
                database,
                user,
                password,
                sslMode,
                sslRootCert,
                connectTimeout,
                maxRetries,
                retryBackoff,
                binding,
                endpointId,
                tunnel);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String database() {
        return database;
    }

    public String user() {
        return user;
    }

    /** The password, or null; only the connection layer reads it. */
    public String password() {
        return password;
    }

    public SslMode sslMode() {
        return sslMode;
    }

    public String sslRootCert() {
        return sslRootCert;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public int maxRetries() {
        return maxRetries;
    }

    public Duration retryBackoff() {
        return retryBackoff;
    }

    public ChannelBinding channelBinding() {
        return channelBinding;
    }

    /** The Neon endpoint id sent as {@code options=endpoint=<id>}, or null. */
    public String neonEndpointId() {
        return neonEndpointId;
    }

    /** The SSH tunnel every connection goes through, or null for direct connections. */
    public SshTunnelConfig sshTunnel() {
        return sshTunnel;
    }

    /** {@code user@host:port/database}, never the password or an SSH secret. */
    @Override
    public String toString() {
        return user
                + "@"
                + host
                + ":"
                + port
                + "/"
                + database
                + " (ssl.mode="
                + sslMode
                + (sshTunnel == null ? "" : ", via " + sshTunnel)
                + ")";
    }
}
