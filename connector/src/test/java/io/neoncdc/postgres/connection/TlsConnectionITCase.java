package io.neoncdc.postgres.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * TLS against a server that accepts only TLS, with a CA made in the test: verify-full with the CA
 * snapshots and streams; a missing CA, a wrong host name and a plain connection fail clearly.
 */
class TlsConnectionITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static TlsPostgres server;

    @BeforeAll
    static void setUp() throws SQLException {
        server = TlsPostgres.get();
        try (Connection c = server.admin(TlsPostgres.DATABASE);
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (id int PRIMARY KEY, v text)");
            st.execute("ALTER TABLE t OWNER TO " + TlsPostgres.ROLE);
            st.execute("ALTER TABLE t REPLICA IDENTITY FULL");
            st.execute("INSERT INTO t VALUES (1, 'snapshot')");
            st.execute("CREATE PUBLICATION neon_cdc_pub FOR TABLE t");
        }
    }

    private static Map<String, String> options(String host, String... tls) {
        Map<String, String> options = server.options(host);
        for (int i = 0; i + 1 < tls.length; i += 2) {
            options.put(tls[i], tls[i + 1]);
        }
        return options;
    }

    @Test
    @Timeout(120)
    void verifyFullWithTheCaSnapshotsAndStreams() throws Exception {
        Map<String, String> options =
                options(
                        "localhost",
                        "ssl.mode",
                        "verify-full",
                        "ssl.root-cert",
                        server.certs.caCert.toString(),
                        "ssl.channel-binding",
                        "require",
                        "table-name",
                        "t",
                        "slot.name",
                        "tls_slot");
        assertThat(
                        CdcJobs.snapshotThenStream(
                                options,
                                () -> {
                                    try (Connection c = server.admin(TlsPostgres.DATABASE)) {
                                        c.createStatement()
                                                .execute("INSERT INTO t VALUES (2, 'stream')");
                                    }
                                }))
                .containsExactly("+I[1, snapshot]", "+I[2, stream]");
    }

    @Test
    void verifyFullWithoutTheCaNamesSslRootCert() {
        assertThatThrownBy(() -> open(options("localhost", "ssl.mode", "verify-full")))
                .hasMessageContaining("not signed by a trusted CA")
                .hasMessageContaining("'ssl.root-cert' is not set")
                .hasMessageContaining("Set 'ssl.root-cert' to the PEM file of the CA");
    }

    @Test
    void verifyFullWithAnotherCaFails() {
        assertThatThrownBy(
                        () ->
                                open(
                                        options(
                                                "localhost",
                                                "ssl.mode",
                                                "verify-full",
                                                "ssl.root-cert",
                                                server.certs.otherCaCert.toString())))
                .hasMessageContaining("not signed by a trusted CA")
                .hasMessageContaining(server.certs.otherCaCert.toString());
    }

    @Test
    void verifyFullWithTheWrongHostNameSaysWhichNamesTheCertificateHas() {
        assertThatThrownBy(
                        () ->
                                open(
                                        options(
                                                "127.0.0.1",
                                                "ssl.mode",
                                                "verify-full",
                                                "ssl.root-cert",
                                                server.certs.caCert.toString())))
                .hasMessageContaining("not valid for host '127.0.0.1'")
                .hasMessageContaining("[localhost]")
                .hasMessageContaining("verify-ca");
    }

    @Test
    void verifyCaAcceptsAnotherHostNameOfTheSameServer() throws Exception {
        assertThat(
                        sslInUse(
                                options(
                                        "127.0.0.1",
                                        "ssl.mode",
                                        "verify-ca",
                                        "ssl.root-cert",
                                        server.certs.caCert.toString())))
                .isTrue();
    }

    @Test
    void requireEncryptsWithoutCheckingTheCertificate() throws Exception {
        assertThat(sslInUse(options("127.0.0.1", "ssl.mode", "require"))).isTrue();
    }

    @Test
    void requireWithARootCertChecksTheCaAsLibpqDoes() {
        assertThatThrownBy(
                        () ->
                                open(
                                        options(
                                                "127.0.0.1",
                                                "ssl.mode",
                                                "require",
                                                "ssl.root-cert",
                                                server.certs.otherCaCert.toString())))
                .hasMessageContaining("not signed by a trusted CA");
    }

    @Test
    void aMissingRootCertFileIsNamed() {
        assertThatThrownBy(
                        () ->
                                open(
                                        options(
                                                "localhost",
                                                "ssl.mode",
                                                "verify-full",
                                                "ssl.root-cert",
                                                "/nonexistent/ca.pem")))
                .hasMessageContaining("'ssl.root-cert' = '/nonexistent/ca.pem' cannot be used")
                .hasMessageContaining("no such file");
    }

    @Test
    void disableAgainstATlsOnlyServerSaysTlsIsRequired() {
        assertThatThrownBy(() -> open(options("127.0.0.1", "ssl.mode", "disable")))
                .hasMessageContaining("accepts only TLS connections")
                .hasMessageContaining("'ssl.mode' = 'disable'");
    }

    private static void open(Map<String, String> options) throws SQLException {
        try (Connection c = CdcJobs.connector(options).openQuery()) {
            c.isValid(1);
        }
    }

    static boolean sslInUse(Map<String, String> options) throws SQLException {
        try (Connection c = CdcJobs.connector(options).openQuery();
                Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery(
                                "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
