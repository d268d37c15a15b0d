package io.neoncdc.postgres.connection;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.postgresql.PGProperty;

/**
 * The TLS socket factory pgjdbc instantiates for every connection ({@code sslfactory}): trusts the
 * {@code ssl.root-cert} file or the JVM's CAs when the mode verifies, anything otherwise, and names
 * the real database host in the handshake (SNI) even when the socket goes through an SSH tunnel.
 */
public final class TlsSocketFactory extends SSLSocketFactory {
    private final SSLSocketFactory delegate;
    private final String serverName;

    /** Called by pgjdbc with the connection's properties (see {@link ConnectionProperties}). */
    public TlsSocketFactory(Properties info) throws GeneralSecurityException, IOException {
        String mode = PGProperty.SSL_MODE.getOrDefault(info);
        boolean verify = "verify-ca".equals(mode) || "verify-full".equals(mode);
        TrustManager[] trust =
                verify
                        ? TrustedCertificates.trustManagers(
                                PGProperty.SSL_ROOT_CERT.getOrDefault(info))
                        : new TrustManager[] {new AnyCertificate()};
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust, null);
        this.delegate = context.getSocketFactory();
        this.serverName = info.getProperty(ConnectionProperties.TLS_SERVER_NAME);
    }

    /** pgjdbc upgrades its plain socket here: hand the real host name to the TLS engine. */
    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose)
            throws IOException {
        return delegate.createSocket(
                socket, serverName == null ? host : serverName, port, autoClose);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return delegate.createSocket(host, port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
            throws IOException {
        return delegate.createSocket(host, port, localHost, localPort);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return delegate.createSocket(host, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int lp)
            throws IOException {
        return delegate.createSocket(address, port, localAddress, lp);
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    /** Encryption without authentication: {@code allow}, {@code prefer}, {@code require}. */
    private static final class AnyCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
