package io.neoncdc.postgres.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/** How to reach the server: host, credentials, TLS and retry settings (password never printed). */
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

    /** {@code user@host:port/database}, never the password. */
    @Override
    public String toString() {
        return user + "@" + host + ":" + port + "/" + database + " (ssl.mode=" + sslMode + ")";
    }
}
