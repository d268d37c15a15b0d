package io.neoncdc.postgres.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.annotation.Internal;

/** How to reach the server through an SSH local port forward (password and passphrase hidden). */
@Internal
public final class SshTunnelConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String host;
    private final int port;
    private final String user;
    private final String privateKey;
    private final String privateKeyPassphrase;
    private final String password;
    private final String knownHosts;
    private final boolean strictHostKeyChecking;
    private final Duration keepaliveInterval;

    public SshTunnelConfig(
            String host,
            int port,
            String user,
            String privateKey,
            String privateKeyPassphrase,
            String password,
            String knownHosts,
            boolean strictHostKeyChecking,
            Duration keepaliveInterval) {
        this.host = Objects.requireNonNull(host, "ssh.host");
        this.port = port;
        this.user = Objects.requireNonNull(user, "ssh.user");
        this.privateKey = privateKey;
        this.privateKeyPassphrase = privateKeyPassphrase;
        this.password = password;
        this.knownHosts = knownHosts;
        this.strictHostKeyChecking = strictHostKeyChecking;
        this.keepaliveInterval = Objects.requireNonNull(keepaliveInterval);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    /** Path of the private key file (OpenSSH or PEM; RSA, ECDSA or ed25519), or null. */
    public String privateKey() {
        return privateKey;
    }

    /** Passphrase of an encrypted private key, or null; only the connection layer reads it. */
    public String privateKeyPassphrase() {
        return privateKeyPassphrase;
    }

    /** SSH password, or null; only the connection layer reads it. */
    public String password() {
        return password;
    }

    /** Path of the known_hosts file, or null for {@code ~/.ssh/known_hosts}. */
    public String knownHosts() {
        return knownHosts;
    }

    public boolean strictHostKeyChecking() {
        return strictHostKeyChecking;
    }

    /** Interval of SSH keepalive requests; zero turns them off. */
    public Duration keepaliveInterval() {
        return keepaliveInterval;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SshTunnelConfig)) {
            return false;
        }
        SshTunnelConfig other = (SshTunnelConfig) o;
        return port == other.port
                && strictHostKeyChecking == other.strictHostKeyChecking
                && host.equals(other.host)
                && user.equals(other.user)
                && Objects.equals(privateKey, other.privateKey)
                && Objects.equals(privateKeyPassphrase, other.privateKeyPassphrase)
                && Objects.equals(password, other.password)
                && Objects.equals(knownHosts, other.knownHosts)
                && keepaliveInterval.equals(other.keepaliveInterval);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, user, privateKey, knownHosts);
    }

    /** {@code ssh://user@host:port}, never a password or passphrase. */
    @Override
    public String toString() {
        return "ssh://" + user + "@" + host + ":" + port;
    }
}
