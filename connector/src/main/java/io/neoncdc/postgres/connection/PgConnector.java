package io.neoncdc.postgres.connection;

import io.neoncdc.postgres.config.ConnectionConfig;
import java.io.Serializable;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.PGProperty;

/**
 * The only place that opens connections to the server: plain query connections and logical
 * replication connections, directly or through the SSH tunnel, with TLS, channel binding and the
 * session settings every text value is parsed under.
 */
public final class PgConnector implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * pgjdbc's driver, used directly instead of through DriverManager. In the shaded SQL jar pgjdbc
     * is relocated and loaded by Flink's per-job user class loader, and DriverManager only hands
     * out drivers registered through a class loader the caller can see: once a driver from an
     * earlier job's (or attempt's) class loader is registered, the next job's copy never is, and
     * its connections fail with "No suitable driver found" (seen on a session cluster). In the SQL
     * jar it is not registered with DriverManager at all ({@link OwnDriver}).
     */
    private static final Driver DRIVER = OwnDriver.create();

    private final ConnectionConfig config;
    private final String applicationName;

    public PgConnector(ConnectionConfig config, String applicationName) {
        this.config = config;
        this.applicationName = applicationName;
    }

    public ConnectionConfig config() {
        return config;
    }

    /** Opens a query connection (auto-commit on). */
    public Connection openQuery() throws SQLException {
        return open(ConnectionProperties.of(config, applicationName));
    }

    /** Opens a logical replication connection ({@code replication=database}). */
    public PGConnection openReplication() throws SQLException {
        Properties props = ConnectionProperties.of(config, applicationName);
        PGProperty.REPLICATION.set(props, "database");
        PGProperty.PREFER_QUERY_MODE.set(props, "simple");
        return open(props).unwrap(PGConnection.class);
    }

    private Connection open(Properties props) throws SQLException {
        String url = url();
        try {
            Connection connection = DRIVER.connect(url, props);
            if (connection == null) {
                throw new SQLException("pgjdbc does not accept the URL " + url, "08001");
            }
            SocketActivity.bind(connection, props);
            return connection;
        } catch (SQLException e) {
            // The socket of a failed attempt is never bound: forget it.
            KeepAliveSocketFactory.take(props.getProperty(KeepAliveSocketFactory.SOCKET_ID));
            String attempt = props.getProperty(ConnectionProperties.ATTEMPT_ID);
            throw ConnectionErrors.explain(e, config, TlsHostnameVerifier.takeMismatch(attempt));
        }
    }

    /** The server's address, or the local end of the SSH tunnel that forwards to it. */
    private String url() throws SQLException {
        String host = config.host();
        int port = config.port();
        if (config.sshTunnel() != null) {
            InetSocketAddress local = SshTunnels.localEndpoint(config);
            host = local.getHostString();
            port = local.getPort();
        }
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]"; // IPv6 literal
        }
        return "jdbc:postgresql://" + host + ":" + port + "/" + urlEncode(config.database());
    }

    private static String urlEncode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
