package io.neoncdc.postgres.connection;

import io.neoncdc.postgres.config.ConnectionConfig;
import io.neoncdc.postgres.config.SslMode;
import java.util.Properties;
import org.postgresql.PGProperty;

/**
 * The pgjdbc properties of one connection: credentials, TLS (mode, trusted CAs, server name),
 * channel binding, timeouts and the startup {@code options} (Neon endpoint, session settings).
 */
final class ConnectionProperties {
    /**
     * Our own key in the properties pgjdbc hands to {@link TlsSocketFactory} and {@link
     * TlsHostnameVerifier}: the real database host, also when the socket is an SSH tunnel's.
     */
    static final String TLS_SERVER_NAME = "neoncdc.tlsServerName";

    /** Our own key: identifies one connection attempt, to find its TLS host name mismatch. */
    static final String ATTEMPT_ID = "neoncdc.attempt";

    /**
     * Session settings that fix the text form of values (pgoutput text mode and {@code ::text}
     * casts), whatever the role's or database's defaults are. pgjdbc itself sends DateStyle=ISO,
     * the JVM's TimeZone (timestamptz text carries its offset, so any zone parses to the same
     * instant) and, with a minimum server version of 9.0, extra_float_digits=3 (exact floats).
     */
    static final String SESSION_OPTIONS = "-c IntervalStyle=iso_8601 -c bytea_output=hex";

    /** The default read timeout of every connection, in seconds (see {@link #of}). */
    static final int SOCKET_TIMEOUT_SECONDS = 30;

    private ConnectionProperties() {}

    static Properties of(ConnectionConfig config, String applicationName) {
        Properties props = new Properties();
        PGProperty.USER.set(props, config.user());
        if (config.password() != null) {
            PGProperty.PASSWORD.set(props, config.password());
        }
        tls(config, props);
        PGProperty.CHANNEL_BINDING.set(props, config.channelBinding().value());
        int timeoutSeconds = (int) Math.max(1, config.connectTimeout().toSeconds());
        PGProperty.CONNECT_TIMEOUT.set(props, timeoutSeconds);
        PGProperty.LOGIN_TIMEOUT.set(props, timeoutSeconds);
        PGProperty.TCP_KEEP_ALIVE.set(props, true);
        // Short keepalive probes and a receive clock per connection (KeepAliveSocketFactory).
        PGProperty.SOCKET_FACTORY.set(props, KeepAliveSocketFactory.class.getName());
        props.setProperty(KeepAliveSocketFactory.SOCKET_ID, java.util.UUID.randomUUID().toString());
        // A read that waits longer than this for the server fails the connection (it is
        // reconnected): a server that is silent while the network still answers (a stalled
        // proxy or NAT) is noticed in seconds. Phases that legitimately wait longer lift it
        // (Connection.setNetworkTimeout): slot creation, a chunk's COPY.
        PGProperty.SOCKET_TIMEOUT.set(props, SOCKET_TIMEOUT_SECONDS);
        PGProperty.APPLICATION_NAME.set(props, applicationName);
        PGProperty.OPTIONS.set(props, startupOptions(config));
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(props, "10");
        return props;
    }

    /**
     * Neon's proxy reads {@code endpoint=<id>} from the whitespace-separated startup options (the
     * way clients without SNI name the compute) and passes the {@code -c} settings on.
     */
    static String startupOptions(ConnectionConfig config) {
        return config.neonEndpointId() == null
                ? SESSION_OPTIONS
                : "endpoint=" + config.neonEndpointId() + " " + SESSION_OPTIONS;
    }

    /**
     * pgjdbc's {@code require} never checks the certificate, even with a root certificate; libpq
     * checks the CA then, and so do we: a configured CA file means the user wants it checked.
     */
    static SslMode effectiveSslMode(ConnectionConfig config) {
        if (config.sslMode() == SslMode.REQUIRE && config.sslRootCert() != null) {
            return SslMode.VERIFY_CA;
        }
        return config.sslMode();
    }

    private static void tls(ConnectionConfig config, Properties props) {
        SslMode mode = effectiveSslMode(config);
        PGProperty.SSL_MODE.set(props, mode.value());
        if (mode == SslMode.DISABLE) {
            return;
        }
        PGProperty.SSL_FACTORY.set(props, TlsSocketFactory.class.getName());
        PGProperty.SSL_HOSTNAME_VERIFIER.set(props, TlsHostnameVerifier.class.getName());
        props.setProperty(TLS_SERVER_NAME, config.host());
        props.setProperty(ATTEMPT_ID, java.util.UUID.randomUUID().toString());
        if (config.sslRootCert() != null) {
            PGProperty.SSL_ROOT_CERT.set(props, config.sslRootCert());
        }
    }
}
