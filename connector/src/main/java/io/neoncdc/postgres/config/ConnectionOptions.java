package io.neoncdc.postgres.config;

import static io.neoncdc.postgres.config.NeonPostgresOptions.*;

import java.time.Duration;
import java.util.Locale;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and checks the connection options (host, TLS, Neon, SSH) into a {@link ConnectionConfig}.
 */
@Internal
public final class ConnectionOptions {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionOptions.class);
    private static final String POOLER_SUFFIX = "-pooler";

    private ConnectionOptions() {}

    static ConnectionConfig parse(ReadableConfig options) {
        String host = directHost(options.get(HOSTNAME), options.get(NEON_POOLER_HOST_REWRITE));
        ChannelBinding binding = options.get(SSL_CHANNEL_BINDING);
        SslMode sslMode = options.get(SSL_MODE);
        if (binding == ChannelBinding.REQUIRE && sslMode == SslMode.DISABLE) {
            throw new ValidationException(
                    "'ssl.channel-binding' = 'require' binds SCRAM authentication to the TLS"
                            + " channel, but 'ssl.mode' = 'disable' turns TLS off. Set 'ssl.mode'"
                            + " = 'verify-full' (or 'require'), or 'ssl.channel-binding' ="
                            + " 'prefer'.");
        }
        if ("system".equals(options.get(SSL_ROOT_CERT)) && sslMode != SslMode.VERIFY_FULL) {
            throw new ValidationException(
                    "'ssl.root-cert' = 'system' trusts every public CA, which only protects"
                            + " together with a host name check: use it with 'ssl.mode' ="
                            + " 'verify-full' (as libpq requires).");
        }
        return new ConnectionConfig(
                        host,
                        options.get(PORT),
                        options.get(DATABASE_NAME),
                        options.get(USERNAME),
                        options.get(PASSWORD),
                        sslMode,
                        options.get(SSL_ROOT_CERT),
                        options.get(CONNECT_TIMEOUT),
                        options.get(CONNECT_MAX_RETRIES),
                        options.get(CONNECT_RETRY_BACKOFF))
                .withChannelBinding(binding)
                .withNeonEndpointId(endpointId(options.get(NEON_ENDPOINT_ID)))
                .withSshTunnel(options.get(SSH_ENABLED) ? sshTunnel(options) : null);
    }

    /**
     * A Neon {@code -pooler} host is PgBouncer in transaction mode: it rejects the replication
     * startup parameter and breaks snapshot sessions, so fail with the direct host before
     * connecting, or use the direct host when the user opted in.
     */
    public static String directHost(String host, boolean rewrite) {
        if (host == null) {
            return null;
        }
        int dot = host.indexOf('.');
        String first = dot < 0 ? host : host.substring(0, dot);
        if (!first.toLowerCase(Locale.ROOT).endsWith(POOLER_SUFFIX)) {
            return host;
        }
        String direct =
                first.substring(0, first.length() - POOLER_SUFFIX.length())
                        + (dot < 0 ? "" : host.substring(dot));
        if (rewrite) {
            LOG.info(
                    "'hostname' = '{}' is a pooled (PgBouncer) host; connecting to the direct host"
                            + " '{}' instead ('neon.pooler-host.rewrite' = 'true')",
                    host,
                    direct);
            return direct;
        }
        throw new ValidationException(
                "'hostname' = '"
                        + host
                        + "' is a pooled (PgBouncer) connection host, which cannot carry logical"
                        + " replication ('unsupported startup parameter: replication') or snapshot"
                        + " sessions. Use the direct host: 'hostname' = '"
                        + direct
                        + "' (in the Neon console, turn off 'Connection pooling' when copying the"
                        + " connection string), or set 'neon.pooler-host.rewrite' = 'true' to"
                        + " have the connector use it.");
    }

    /** Accepts {@code ep-…} or {@code endpoint=ep-…}; Neon ids are letters, digits and dashes. */
    static String endpointId(String value) {
        if (value == null) {
            return null;
        }
        String id = value.trim();
        if (id.startsWith("endpoint=")) {
            id = id.substring("endpoint=".length());
        }
        if (!id.matches("[A-Za-z0-9-]{1,63}")) {
            throw new ValidationException(
                    "'neon.endpoint-id' = '"
                            + value
                            + "' is not a Neon endpoint id: use the first label of the Neon host"
                            + " name, e.g. 'ep-cool-darkness-123456'.");
        }
        return id;
    }

    private static SshTunnelConfig sshTunnel(ReadableConfig options) {
        String host = required(options.get(SSH_HOST), SSH_HOST.key());
        String user = required(options.get(SSH_USER), SSH_USER.key());
        String key = blankToNull(options.get(SSH_PRIVATE_KEY));
        String password = options.get(SSH_PASSWORD);
        if (key == null && password == null) {
            throw new ValidationException(
                    "'ssh.enabled' = 'true' needs a way to log in: set 'ssh.private-key' (path of"
                            + " an RSA, ECDSA or ed25519 key) or 'ssh.password'.");
        }
        int port = options.get(SSH_PORT);
        if (port < 1 || port > 65535) {
            throw new ValidationException(
                    "'ssh.port' must be between 1 and 65535, got " + port + ".");
        }
        Duration keepalive = options.get(SSH_KEEPALIVE_INTERVAL);
        if (keepalive.isNegative()) {
            throw new ValidationException("'ssh.keepalive-interval' must not be negative.");
        }
        return new SshTunnelConfig(
                host,
                port,
                user,
                key,
                options.get(SSH_PRIVATE_KEY_PASSPHRASE),
                password,
                blankToNull(options.get(SSH_KNOWN_HOSTS)),
                options.get(SSH_STRICT_HOST_KEY_CHECKING),
                keepalive);
    }

    private static String required(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(
                    "'ssh.enabled' = 'true' needs '" + key + "': set it to a value.");
        }
        return value.trim();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
