package io.neoncdc.postgres.connection;

import io.neoncdc.postgres.config.ConnectionConfig;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.PGProperty;

/**
 * The only place that opens connections to the server: plain query connections and logical
 * replication connections, with the session settings every text value is parsed under.
 */
public final class PgConnector implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * Session settings that fix the text form of values (pgoutput text mode and {@code ::text}
     * casts), whatever the role's or database's defaults are. pgjdbc itself sends DateStyle=ISO,
     * the JVM's TimeZone (timestamptz text carries its offset, so any zone parses to the same
     * instant) and, with a minimum server version of 9.0, extra_float_digits=3 (exact floats).
     */
    static final String SESSION_OPTIONS = "-c IntervalStyle=iso_8601 -c bytea_output=hex";

    /**
     * pgjdbc's driver, used directly instead of through DriverManager. In the shaded SQL jar pgjdbc
     * is relocated and loaded by Flink's per-job user class loader, and DriverManager only hands
     * out drivers registered through a class loader the caller can see: once a driver from an
     * earlier job's (or attempt's) class loader is registered, the next job's copy never is, and
     * its connections fail with "No suitable driver found" (seen on a session cluster).
     */
    private static final Driver DRIVER = new org.postgresql.Driver();

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
        Properties props = baseProperties();
        return open(props);
    }

    /** Opens a logical replication connection ({@code replication=database}). */
    public PGConnection openReplication() throws SQLException {
        Properties props = baseProperties();
        PGProperty.REPLICATION.set(props, "database");
        PGProperty.PREFER_QUERY_MODE.set(props, "simple");
        return open(props).unwrap(PGConnection.class);
    }

    private Connection open(Properties props) throws SQLException {
        try {
            Connection connection = DRIVER.connect(url(), props);
            if (connection == null) {
                throw new SQLException("pgjdbc does not accept the URL " + url(), "08001");
            }
            return connection;
        } catch (SQLException e) {
            throw ConnectionErrors.explain(e, config);
        }
    }

    private Properties baseProperties() {
        Properties props = new Properties();
        PGProperty.USER.set(props, config.user());
        if (config.password() != null) {
            PGProperty.PASSWORD.set(props, config.password());
        }
        PGProperty.SSL_MODE.set(props, config.sslMode().value());
        if (config.sslRootCert() != null) {
            PGProperty.SSL_ROOT_CERT.set(props, config.sslRootCert());
        }
        int timeoutSeconds = (int) Math.max(1, config.connectTimeout().toSeconds());
        PGProperty.CONNECT_TIMEOUT.set(props, timeoutSeconds);
        PGProperty.LOGIN_TIMEOUT.set(props, timeoutSeconds);
        PGProperty.TCP_KEEP_ALIVE.set(props, true);
        PGProperty.APPLICATION_NAME.set(props, applicationName);
        PGProperty.OPTIONS.set(props, SESSION_OPTIONS);
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(props, "10");
        return props;
    }

    private String url() {
        return "jdbc:postgresql://"
                + config.host()
                + ":"
                + config.port()
                + "/"
                + urlEncode(config.database());
    }

    private static String urlEncode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
    }
}
