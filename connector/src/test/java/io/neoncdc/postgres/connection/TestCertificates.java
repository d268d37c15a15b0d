package io.neoncdc.postgres.connection;

import io.neoncdc.postgres.testutil.TempFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away CA and a server certificate it signs, made with the JDK's keytool in a temp
 * directory: PEM files for PostgreSQL ({@code ssl_cert_file}, {@code ssl_key_file}) and clients.
 */
final class TestCertificates {
    private static final String PASS = "changeit";

    final Path caCert;
    final Path serverCert;
    final Path serverKey;

    /** A CA that signed nothing here: trusting only it must fail. */
    final Path otherCaCert;

    private TestCertificates(Path dir) {
        this.caCert = dir.resolve("ca.crt");
        this.serverCert = dir.resolve("server.crt");
        this.serverKey = dir.resolve("server.key");
        this.otherCaCert = dir.resolve("other-ca.crt");
    }

    /** Makes a CA and a certificate for {@code serverDnsName} only (no IP address names). */
    static TestCertificates generate(String serverDnsName) throws IOException {
        Path dir = TempFiles.directory("neon-cdc-tls");
        TestCertificates certs = new TestCertificates(dir);
        Path ca = dir.resolve("ca.p12");
        Path other = dir.resolve("other.p12");
        Path server = dir.resolve("server.p12");
        Path csr = dir.resolve("server.csr");
        keytool(genKeyPair(ca, "ca", "CN=neon-postgres-cdc test CA", "bc:c"));
        keytool(genKeyPair(other, "ca", "CN=some other CA", "bc:c"));
        keytool(genKeyPair(server, "server", "CN=" + serverDnsName, null));
        keytool(
                "-certreq",
                "-alias",
                "server",
                "-keystore",
                server.toString(),
                "-storepass",
                PASS,
                "-file",
                csr.toString());
        keytool(
                "-gencert",
                "-alias",
                "ca",
                "-keystore",
                ca.toString(),
                "-storepass",
                PASS,
                "-infile",
                csr.toString(),
                "-outfile",
                certs.serverCert.toString(),
                "-rfc",
                "-validity",
                "2",
                "-ext",
                "san=dns:" + serverDnsName);
        keytool(
                "-exportcert",
                "-alias",
                "ca",
                "-keystore",
                ca.toString(),
                "-storepass",
                PASS,
                "-rfc",
                "-file",
                certs.caCert.toString());
        keytool(
                "-exportcert",
                "-alias",
                "ca",
                "-keystore",
                other.toString(),
                "-storepass",
                PASS,
                "-rfc",
                "-file",
                certs.otherCaCert.toString());
        writePrivateKey(server, certs.serverKey);
        return certs;
    }

    private static String[] genKeyPair(Path store, String alias, String dname, String ext) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "-genkeypair",
                                "-alias",
                                alias,
                                "-keyalg",
                                "RSA",
                                "-keysize",
                                "2048",
                                "-sigalg",
                                "SHA256withRSA",
                                "-dname",
                                dname,
                                "-validity",
                                "2",
                                "-storetype",
                                "PKCS12",
                                "-keystore",
                                store.toString(),
                                "-storepass",
                                PASS,
                                "-keypass",
                                PASS));
        if (ext != null) {
            args.add("-ext");
            args.add(ext);
        }
        return args.toArray(new String[0]);
    }

    /** PostgreSQL reads an unencrypted PKCS#8 PEM key that only its owner may read. */
    private static void writePrivateKey(Path store, Path pem) throws IOException {
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, PASS.toCharArray());
            Key key = ks.getKey("server", PASS.toCharArray());
            String body =
                    Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(key.getEncoded());
            Files.writeString(
                    pem, "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n");
            Files.setPosixFilePermissions(pem, PosixFilePermissions.fromString("rw-------"));
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    private static void keytool(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("keytool " + String.join(" ", args) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
