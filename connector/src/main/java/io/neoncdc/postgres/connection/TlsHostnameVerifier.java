package io.neoncdc.postgres.connection;

import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
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
    /** Mismatches by connection attempt (pgjdbc may log in on a thread of its own). */
    private static final Map<String, String> MISMATCHES = new ConcurrentHashMap<>();

    private final String serverName;
    private final String attempt;

    /** Called by pgjdbc with the connection's properties (see {@link ConnectionProperties}). */
    public TlsHostnameVerifier(Properties info) {
        this.serverName = info.getProperty(ConnectionProperties.TLS_SERVER_NAME);
        this.attempt = info.getProperty(ConnectionProperties.ATTEMPT_ID);
    }

    @Override
    public boolean verify(String hostname, SSLSession session) {
        String expected = serverName == null ? hostname : serverName;
        if (PGjdbcHostnameVerifier.INSTANCE.verify(expected, session)) {
            return true;
        }
        if (attempt == null) {
            return false;
        }
        MISMATCHES.put(
                attempt,
                "the server certificate is not valid for host '"
                        + expected
                        + "' (it names "
                        + certificateNames(session)
                        + ")");
        return false;
    }

    /** The mismatch a connection attempt's check found, once; null when there was none. */
    static String takeMismatch(String attempt) {
        return attempt == null ? null : MISMATCHES.remove(attempt);
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
