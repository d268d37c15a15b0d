package io.neoncdc.postgres.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every connection through an SSH tunnel to an in-process sshd: snapshot and stream, RSA / ECDSA /
 * ed25519 keys and passwords, strict host-key checking, and re-establishing a dropped tunnel.
 */
class SshTunnelITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static TestDatabase db;
    private static KeyPair rsa;
    private static KeyPair ecdsa;
    private static KeyPair ed25519;
    private static SshTestServer ssh;
    private static Path knownHosts;

    @BeforeAll
    static void setUp() throws Exception {
        db = PostgresTestServer.get().createDatabase("ssh_tunnel");
        db.execute(
                "CREATE TABLE t (id int PRIMARY KEY, v text)",
                "ALTER TABLE t REPLICA IDENTITY FULL",
                "INSERT INTO t VALUES (1, 'snapshot')",
                "CREATE PUBLICATION neon_cdc_pub FOR TABLE t");
        rsa = SshTestServer.generate(KeyPairProvider.SSH_RSA, 2048);
        ecdsa = SshTestServer.generate(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        ed25519 = SshTestServer.generate(KeyPairProvider.SSH_ED25519, 256);
        KeyPair hostKey = SshTestServer.generate(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        ssh =
                SshTestServer.start(
                        hostKey,
                        0,
                        List.of(rsa.getPublic(), ecdsa.getPublic(), ed25519.getPublic()));
        knownHosts = SshTestServer.knownHosts(ssh.knownHostsLine(hostKey.getPublic()));
    }

    @AfterEach
    void closeTunnels() {
        SshTunnels.closeAll();
    }

    @AfterAll
    static void tearDown() throws Exception {
        ssh.close();
    }

    private static Map<String, String> options(String... extra) {
        Map<String, String> options = db.connectionOptions();
        options.put("table-name", "t");
        options.put("slot.name", db.name());
        options.put("ssh.enabled", "true");
        options.put("ssh.host", "127.0.0.1");
        options.put("ssh.port", String.valueOf(ssh.port()));
        options.put("ssh.user", SshTestServer.USER);
        options.put("ssh.known-hosts", knownHosts.toString());
        for (int i = 0; i + 1 < extra.length; i += 2) {
            options.put(extra[i], extra[i + 1]);
        }
        return options;
    }

    @Test
    @Timeout(120)
    void snapshotAndStreamGoThroughTheTunnel() throws Exception {
        int before = ssh.forwarded.get();
        Path key = SshTestServer.writeOpenSsh(ed25519, null);
        List<String> rows =
                CdcJobs.snapshotThenStream(
                        options("ssh.private-key", key.toString()),
                        () -> db.execute("INSERT INTO t VALUES (2, 'stream')"));
        assertThat(rows).containsExactly("+I[1, snapshot]", "+I[2, stream]");
        // Setup, chunk, replication (and catalog) connections were all forwarded.
        assertThat(ssh.forwarded.get() - before).isGreaterThanOrEqualTo(3);
    }

    @Test
    void rsaKeyInPkcs8PemLogsIn() throws Exception {
        Path key = SshTestServer.writePkcs8Pem(rsa);
        assertThat(query(options("ssh.private-key", key.toString()))).isEqualTo(db.name());
    }

    @Test
    void encryptedEcdsaKeyLogsInWithItsPassphrase() throws Exception {
        Path key = SshTestServer.writeOpenSsh(ecdsa, "key-phrase");
        assertThat(
                        query(
                                options(
                                        "ssh.private-key",
                                        key.toString(),
                                        "ssh.private-key-passphrase",
                                        "key-phrase")))
                .isEqualTo(db.name());
    }

    @Test
    void encryptedKeyWithoutItsPassphraseNamesTheOption() throws Exception {
        Path key = SshTestServer.writeOpenSsh(ecdsa, "key-phrase");
        assertThatThrownBy(() -> query(options("ssh.private-key", key.toString())))
                .hasMessageContaining("'ssh.private-key' = '" + key + "' cannot be used")
                .hasMessageContaining("'ssh.private-key-passphrase'")
                .hasMessageNotContaining("key-phrase");
    }

    @Test
    void passwordLogsIn() throws Exception {
        assertThat(query(options("ssh.password", SshTestServer.PASSWORD))).isEqualTo(db.name());
    }

    @Test
    void aWrongPasswordSaysWhoCouldNotLogIn() {
        assertThatThrownBy(() -> query(options("ssh.password", "wrong")))
                .hasMessageContaining("user 'tunnel' could not log in")
                .hasMessageContaining("'ssh.password'")
                .hasMessageNotContaining("wrong'");
    }

    @Test
    void aChangedHostKeyIsRefusedWithItsFingerprint() throws Exception {
        KeyPair other = SshTestServer.generate(KeyPairProvider.SSH_ED25519, 256);
        Path wrong = SshTestServer.knownHosts(ssh.knownHostsLine(other.getPublic()));
        assertThatThrownBy(
                        () ->
                                query(
                                        options(
                                                "ssh.password",
                                                SshTestServer.PASSWORD,
                                                "ssh.known-hosts",
                                                wrong.toString())))
                .hasMessageContaining("CHANGED")
                .hasMessageContaining(fingerprint())
                .hasMessageContaining(ssh.knownHostsLine(ssh.hostKey.getPublic()));
    }

    @Test
    void anUnknownHostIsRefusedByDefault() throws Exception {
        Path empty = SshTestServer.knownHosts();
        assertThatThrownBy(
                        () ->
                                query(
                                        options(
                                                "ssh.password",
                                                SshTestServer.PASSWORD,
                                                "ssh.known-hosts",
                                                empty.toString())))
                .hasMessageContaining("is unknown")
                .hasMessageContaining(fingerprint())
                .hasMessageContaining("add this line to the file named by 'ssh.known-hosts': ")
                .hasMessageContaining(ssh.knownHostsLine(ssh.hostKey.getPublic()));
    }

    @Test
    void aHashedKnownHostsEntryMatches() throws Exception {
        Path hashed =
                SshTestServer.knownHosts(
                        "# other hosts first",
                        "other.example.com "
                                + org.apache.sshd.common.config.keys.PublicKeyEntry.toString(
                                        rsa.getPublic()),
                        ssh.hashedKnownHostsLine(ssh.hostKey.getPublic()));
        assertThat(
                        query(
                                options(
                                        "ssh.password",
                                        SshTestServer.PASSWORD,
                                        "ssh.known-hosts",
                                        hashed.toString())))
                .isEqualTo(db.name());
    }

    @Test
    void anUnknownHostIsAcceptedWhenStrictCheckingIsOff() throws Exception {
        Path empty = SshTestServer.knownHosts();
        assertThat(
                        query(
                                options(
                                        "ssh.password",
                                        SshTestServer.PASSWORD,
                                        "ssh.known-hosts",
                                        empty.toString(),
                                        "ssh.strict-host-key-checking",
                                        "false")))
                .isEqualTo(db.name());
    }

    @Test
    void aDroppedTunnelIsReEstablishedByTheNextConnection() throws Exception {
        KeyPair hostKey = SshTestServer.generate(KeyPairProvider.SSH_ED25519, 256);
        SshTestServer first = SshTestServer.start(hostKey, 0, List.of(ed25519.getPublic()));
        int port = first.port();
        Path hosts = SshTestServer.knownHosts(first.knownHostsLine(hostKey.getPublic()));
        Path key = SshTestServer.writeOpenSsh(ed25519, null);
        Map<String, String> options =
                options(
                        "ssh.port", String.valueOf(port),
                        "ssh.known-hosts", hosts.toString(),
                        "ssh.private-key", key.toString());
        assertThat(query(options)).isEqualTo(db.name());
        first.close(); // the bastion goes away: the SSH session drops
        try (SshTestServer second =
                SshTestServer.start(hostKey, port, List.of(ed25519.getPublic()))) {
            assertThat(query(options)).isEqualTo(db.name());
            assertThat(second.forwarded.get()).isEqualTo(1);
        }
    }

    @Test
    void verifyFullThroughTheTunnelChecksTheDatabaseHostName() throws Exception {
        TlsPostgres tls = TlsPostgres.get();
        Map<String, String> options = options("ssh.password", SshTestServer.PASSWORD);
        options.putAll(tls.options("localhost"));
        options.put("ssl.mode", "verify-full");
        options.put("ssl.root-cert", tls.certs.caCert.toString());
        options.put("ssl.channel-binding", "require");
        // The socket is 127.0.0.1:<tunnel port>; the certificate names 'localhost' only.
        assertThat(TlsConnectionITCase.sslInUse(options)).isTrue();
    }

    private static String fingerprint() {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, ssh.hostKey.getPublic());
    }

    private static String query(Map<String, String> options) throws SQLException {
        try (Connection c = CdcJobs.connector(options).openQuery();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT current_database()")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
