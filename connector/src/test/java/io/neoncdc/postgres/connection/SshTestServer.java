package io.neoncdc.postgres.connection;

import io.neoncdc.postgres.testutil.TempFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.forward.StaticDecisionForwardingFilter;
import org.apache.sshd.server.forward.TcpForwardingFilter;

/**
 * An in-process SSH server on 127.0.0.1 (Apache MINA sshd) that allows TCP forwarding for user
 * {@code tunnel}, by public key or password, and counts the forwarded connections.
 */
final class SshTestServer implements AutoCloseable {
    static final String USER = "tunnel";
    static final String PASSWORD = "bastion-pw";

    final KeyPair hostKey;
    final AtomicInteger forwarded = new AtomicInteger();
    private final SshServer server;

    private SshTestServer(KeyPair hostKey, SshServer server) {
        this.hostKey = hostKey;
        this.server = server;
    }

    /** Starts on {@code port} (0: a free one) accepting these client keys and the password. */
    static SshTestServer start(KeyPair hostKey, int port, List<PublicKey> clientKeys)
            throws IOException {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(port);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPublickeyAuthenticator(
                (user, key, session) ->
                        USER.equals(user)
                                && clientKeys.stream().anyMatch(k -> KeyUtils.compareKeys(k, key)));
        server.setPasswordAuthenticator(
                (user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
        SshTestServer result = new SshTestServer(hostKey, server);
        server.setForwardingFilter(
                new StaticDecisionForwardingFilter(true) {
                    @Override
                    public boolean canConnect(
                            TcpForwardingFilter.Type type,
                            SshdSocketAddress address,
                            Session session) {
                        result.forwarded.incrementAndGet();
                        return super.canConnect(type, address, session);
                    }
                });
        server.start();
        return result;
    }

    int port() {
        return server.getPort();
    }

    /** The known_hosts line OpenSSH would write for this server and {@code key}. */
    String knownHostsLine(PublicKey key) {
        return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(key);
    }

    /** The same line with the host hashed, as {@code HashKnownHosts yes} writes it. */
    String hashedKnownHostsLine(PublicKey key) throws GeneralSecurityException {
        byte[] salt = new byte[20];
        new java.security.SecureRandom().nextBytes(salt);
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
        mac.init(new javax.crypto.spec.SecretKeySpec(salt, "HmacSHA1"));
        byte[] hash = mac.doFinal(("[127.0.0.1]:" + port()).getBytes(StandardCharsets.UTF_8));
        Base64.Encoder b64 = Base64.getEncoder();
        return "|1|"
                + b64.encodeToString(salt)
                + "|"
                + b64.encodeToString(hash)
                + " "
                + PublicKeyEntry.toString(key);
    }

    static KeyPair generate(String type, int bits) throws GeneralSecurityException {
        return KeyUtils.generateKeyPair(type, bits);
    }

    /**
     * Writes the key in OpenSSH format, encrypted (AES-256-CTR, bcrypt) when a passphrase is given.
     */
    static Path writeOpenSsh(KeyPair key, String passphrase) throws Exception {
        Path file = TempFiles.file("neon-cdc-ssh", ".key");
        OpenSSHKeyEncryptionContext encryption = null;
        if (passphrase != null) {
            encryption = new OpenSSHKeyEncryptionContext();
            encryption.setCipherName("AES");
            encryption.setCipherType("256");
            encryption.setCipherMode("CTR");
            encryption.setPassword(passphrase);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "test", encryption, out);
        }
        return file;
    }

    /** Writes the key as unencrypted PKCS#8 PEM ({@code ssh-keygen -m PKCS8} style). */
    static Path writePkcs8Pem(KeyPair key) throws IOException {
        Path file = TempFiles.file("neon-cdc-ssh", ".pem");
        String body =
                Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(key.getPrivate().getEncoded());
        Files.writeString(
                file, "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n");
        return file;
    }

    static Path knownHosts(String... lines) throws IOException {
        Path file = TempFiles.file("neon-cdc-known_hosts", "");
        Files.writeString(file, String.join("\n", lines) + (lines.length > 0 ? "\n" : ""));
        return file;
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }
}
