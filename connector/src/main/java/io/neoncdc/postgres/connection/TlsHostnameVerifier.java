package io.neoncdc.postgres.connection;

import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.postgresql.ssl.PGjdbcHostnameVerifier;

/**
 * The {@code verify-full} host name check pgjdbc instantiates per connection: checks the real
 * database host (not the SSH tunnel's local address) with pgjdbc's rules, and keeps the names the
 * certificate does list for the error message.
 */
public final class TlsHostnameVerifier implements HostnameVerifier {
    private static final ThreadLocal<String> LAST_MISMATCH = new ThreadLocal<>();

    private final String serverName;

    /** Called by pgjdbc with the connection's properties (see {@link ConnectionProperties}). */
    public TlsHostnameVerifier(Properties info) {
        this.serverName = info.getProperty(ConnectionProperties.TLS_SERVER_NAME);
    }

    @Override
    public boolean verify(String hostname, SSLSession session) {
        String expected = serverName == null ? hostname : serverName;
        if (PGjdbcHostnameVerifier.INSTANCE.verify(expected, session)) {
            LAST_MISMATCH.remove();
            return true;
        }
        LAST_MISMATCH.set(
                "the server certificate is not valid for host '"
                        + expected
                        + "' (it names "
                        + certificateNames(session)
                        + ")");
        return false;
    }

    /** The mismatch this thread's last failed check found, once; null when there was none. */
    static String takeMismatch() {
        String mismatch = LAST_MISMATCH.get();
        LAST_MISMATCH.remove();
        return mismatch;
    }

    private static List<String> certificateNames(SSLSession session) {
        List<String> names = new ArrayList<>();
        try {
            Certificate[] chain = session.getPeerCertificates();
            X509Certificate leaf = (X509Certificate) chain[0];
            Collection<List<?>> alternatives = leaf.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> entry : alternatives) {
                    names.add(String.valueOf(entry.get(1)));
                }
            }
            if (names.isEmpty()) {
                names.add(leaf.getSubjectX500Principal().getName());
            }
        } catch (SSLPeerUnverifiedException | CertificateParsingException e) {
            names.add("unknown names: " + e.getMessage());
        }
        return names;
    }
}
