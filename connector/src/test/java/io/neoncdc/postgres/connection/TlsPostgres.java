package io.neoncdc.postgres.connection;

import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * An embedded PostgreSQL of its own that accepts only TLS (pg_hba {@code hostssl}) with a test CA's
 * certificate for {@code localhost}: role {@code cdc} logs in with SCRAM-SHA-256, {@code postgres}
 * (setup only) without a password.
 */
final class TlsPostgres {
    static final String ROLE = "cdc";
    static final String PASSWORD = "s3cret-scram";
    static final String DATABASE = "tls";

    private static TlsPostgres instance;

    final TestCertificates certs;
    final int port;
    private final EmbeddedPostgres pg;

    private TlsPostgres(TestCertificates certs, int port, EmbeddedPostgres pg) {
        this.certs = certs;
        this.port = port;
        this.pg = pg;
    }

    static synchronized TlsPostgres get() {
        if (instance == null) {
            try {
                instance = start();
            } catch (IOException | SQLException e) {
                throw new IllegalStateException("Cannot start the TLS test server", e);
            }
        }
        return instance;
    }

    private static TlsPostgres start() throws IOException, SQLException {
        TestCertificates certs = TestCertificates.generate("localhost");
        int port = PostgresTestServer.freePort();
        EmbeddedPostgres pg =
                EmbeddedPostgres.builder()
                        .setPort(port)
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        .setServerConfig("wal_level", "logical")
                        .setServerConfig("max_replication_slots", "10")
                        .setServerConfig("max_wal_senders", "10")
                        .setServerConfig("fsync", "off")
                        .setServerConfig("ssl", "on")
                        .setServerConfig("ssl_cert_file", certs.serverCert.toString())
                        .setServerConfig("ssl_key_file", certs.serverKey.toString())
                        .setServerConfig("password_encryption", "scram-sha-256")
                        .setConnectConfig("sslmode", "require")
                        .setDataDirectoryCustomizer(
                                dir -> {
                                    try {
                                        Files.writeString(
                                                dir.toPath().resolve("pg_hba.conf"), hba());
                                    } catch (IOException e) {
                                        throw new UncheckedIOException(e);
                                    }
                                })
                        .setPGStartupWait(java.time.Duration.ofSeconds(60))
                        .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> close(pg)));
        TlsPostgres server = new TlsPostgres(certs, port, pg);
        try (Connection c = server.admin("postgres");
                Statement st = c.createStatement()) {
            st.execute("CREATE ROLE " + ROLE + " LOGIN REPLICATION PASSWORD '" + PASSWORD + "'");
            st.execute("CREATE DATABASE " + DATABASE + " OWNER " + ROLE);
        }
        return server;
    }

    /** Only TLS connections; SCRAM for the connector's role, trust for setup as postgres. */
    private static String hba() {
        return "local all all trust\n"
                + "hostssl all postgres 127.0.0.1/32 trust\n"
                + "hostssl all "
                + ROLE
                + " 127.0.0.1/32 scram-sha-256\n"
                + "hostssl replication "
                + ROLE
                + " 127.0.0.1/32 scram-sha-256\n";
    }

    /** A setup connection as the superuser (TLS, certificate not checked). */
    Connection admin(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        props.setProperty("sslmode", "require");
        return DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + port + "/" + database, props);
    }

    /** Connection options of the {@code cdc} role on {@code host}, TLS settings still to add. */
    Map<String, String> options(String host) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("hostname", host);
        options.put("port", String.valueOf(port));
        options.put("username", ROLE);
        options.put("password", PASSWORD);
        options.put("database-name", DATABASE);
        return options;
    }

    private static void close(EmbeddedPostgres pg) {
        try {
            pg.close();
        } catch (IOException e) {
            // shutting down anyway
        }
    }
}
