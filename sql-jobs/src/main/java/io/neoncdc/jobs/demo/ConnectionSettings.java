package io.neoncdc.jobs.demo;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where the demo's database is (host, port, role, password, database, TLS mode), read from {@code
 * NEON_*} environment variables or a properties file with the same keys; the password is never part
 * of any text this class produces.
 */
final class ConnectionSettings {
    final String host;
    final int port;
    final String user;
    private final String password;
    final String database;
    final String sslMode;

    ConnectionSettings(
            String host, int port, String user, String password, String database, String sslMode) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.database = database;
        this.sslMode = sslMode;
    }

    /**
     * The external server named by {@code NEON_HOST} in the properties file or the environment (the
     * file wins key by key), or empty when neither names one: then the demo runs embedded.
     */
    static Optional<ConnectionSettings> external(Map<String, String> env, String configFile)
            throws IOException {
        Map<String, String> keys = new LinkedHashMap<>(env);
        if (configFile != null) {
            Path path = Path.of(configFile);
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException(
                        "--config "
                                + configFile
                                + ": no such file ("
                                + path.toAbsolutePath()
                                + "). It is a properties file with NEON_HOST, NEON_USER,"
                                + " NEON_PASSWORD and NEON_DATABASE, e.g. a copy of"
                                + " docker/neon.env.example.");
            }
            Properties file = new Properties();
            try (Reader r = Files.newBufferedReader(path)) {
                file.load(r);
            }
            file.stringPropertyNames().forEach(k -> keys.put(k, file.getProperty(k).trim()));
        }
        String host = blankToNull(keys.get("NEON_HOST"));
        if (host == null) {
            if (configFile != null) {
                throw new IllegalArgumentException(configFile + " does not set NEON_HOST.");
            }
            return Optional.empty();
        }
        return Optional.of(
                new ConnectionSettings(
                        host,
                        Integer.parseInt(keys.getOrDefault("NEON_PORT", "5432").trim()),
                        required(keys, "NEON_USER"),
                        blankToNull(keys.get("NEON_PASSWORD")),
                        required(keys, "NEON_DATABASE"),
                        keys.getOrDefault("NEON_SSLMODE", "require").trim()));
    }

    /** Neon's PgBouncer host ({@code ep-…-pooler.…}) cannot carry logical replication. */
    boolean isPoolerHost() {
        return host.contains("-pooler");
    }

    String directHost() {
        return host.replace("-pooler", "");
    }

    /** Opens a JDBC connection (auto-commit on). */
    Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("sslmode", sslMode);
        props.setProperty("ApplicationName", "neon-postgres-cdc demo");
        props.setProperty("connectTimeout", "20");
        return DriverManager.getConnection(
                "jdbc:postgresql://" + host + ":" + port + "/" + database, props);
    }

    /** The connection options of a {@code neon-postgres-cdc} table, password included. */
    Map<String, String> connectorOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("hostname", host);
        options.put("port", String.valueOf(port));
        options.put("username", user);
        if (password != null) {
            options.put("password", password);
        }
        options.put("database-name", database);
        options.put("ssl.mode", sslMode);
        return options;
    }

    /** {@code user@host:port/database (sslmode=…)}, never the password. */
    @Override
    public String toString() {
        return user + "@" + host + ":" + port + "/" + database + " (sslmode=" + sslMode + ")";
    }

    private static String required(Map<String, String> keys, String key) {
        String value = blankToNull(keys.get(key));
        if (value == null) {
            throw new IllegalArgumentException(
                    "NEON_HOST is set but " + key + " is not (environment or --config file).");
        }
        return value;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
