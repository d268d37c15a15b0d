package io.neoncdc.postgres.connection;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/** The CAs a verifying TLS mode trusts: the {@code ssl.root-cert} PEM file, or the JVM's. */
final class TrustedCertificates {
    /** {@code ssl.root-cert} value that selects the JVM's trusted CAs, as libpq's. */
    static final String SYSTEM = "system";

    private TrustedCertificates() {}

    static TrustManager[] trustManagers(String rootCert)
            throws GeneralSecurityException, IOException {
        TrustManagerFactory factory =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (rootCert == null || SYSTEM.equals(rootCert)) {
            factory.init((KeyStore) null); // the JVM's cacerts: public CAs, Neon's among them
            return factory.getTrustManagers();
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        Collection<? extends Certificate> certificates = read(Paths.get(rootCert));
        int i = 0;
        for (Certificate certificate : certificates) {
            store.setCertificateEntry("ca-" + i++, certificate);
        }
        factory.init(store);
        return factory.getTrustManagers();
    }

    private static Collection<? extends Certificate> read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certificates =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new RootCertException(file, "it holds no PEM certificate");
            }
            return certificates;
        } catch (NoSuchFileException e) {
            throw new RootCertException(file, "no such file on this machine");
        } catch (GeneralSecurityException e) {
            throw new RootCertException(
                    file, "not a PEM certificate file (" + e.getMessage() + ")");
        } catch (IOException e) {
            if (e instanceof RootCertException) {
                throw e;
            }
            throw new RootCertException(file, e.toString());
        }
    }

    /** The {@code ssl.root-cert} file cannot be used; the message names the option. */
    static final class RootCertException extends IOException {
        private static final long serialVersionUID = 1L;

        RootCertException(Path file, String reason) {
            super(
                    "'ssl.root-cert' = '"
                            + file
                            + "' cannot be used: "
                            + reason
                            + ". It must be a PEM file with the CA certificate(s), readable on"
                            + " every Flink machine.");
        }
    }
}
