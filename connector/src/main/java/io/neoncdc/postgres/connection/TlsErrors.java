package io.neoncdc.postgres.connection;

import io.neoncdc.postgres.config.ConnectionConfig;
import io.neoncdc.postgres.config.SslMode;
import java.sql.SQLException;

/** Explains TLS and channel-binding failures: CA, host name, root certificate file, binding. */
final class TlsErrors {
    private TlsErrors() {}

    /** The hint for a TLS or channel-binding failure, or null when {@code e} is none. */
    static String hint(SQLException e, ConnectionConfig config, String mismatch) {
        String message = String.valueOf(e.getMessage());
        TrustedCertificates.RootCertException rootCert =
                ConnectionErrors.cause(e, TrustedCertificates.RootCertException.class);
        if (rootCert != null) {
            return rootCert.getMessage();
        }
        if (mismatch != null || message.contains("could not be verified by hostnameverifier")) {
            return (mismatch != null
                            ? mismatch
                            : "the server certificate is not valid for host '"
                                    + config.host()
                                    + "'")
                    + ". 'ssl.mode' = 'verify-full' checks that 'hostname' is one of the"
                    + " certificate's names: connect with a name the certificate lists (for Neon,"
                    + " the host name from the console, not an IP address), or use 'ssl.mode' ="
                    + " 'verify-ca' to check only the CA.";
        }
        if (ConnectionErrors.isUntrustedCertificate(e)) {
            return "the server certificate is not signed by a trusted CA ("
                    + trustSource(config)
                    + "). Set 'ssl.root-cert' to the PEM file of the CA that signed the server"
                    + " certificate (Neon's certificates chain to public CAs the JVM already"
                    + " trusts, so leave it unset there), or use 'ssl.mode' = 'require' to"
                    + " encrypt without checking the certificate.";
        }
        if (message.contains("hannel binding is required")
                || message.contains("hannel Binding is required")) {
            return "'ssl.channel-binding' = 'require', but "
                    + bindingProblem(message, config)
                    + " Channel binding needs SCRAM-SHA-256 authentication over TLS"
                    + " (password_encryption = 'scram-sha-256' and a 'scram-sha-256' line in"
                    + " pg_hba.conf; Neon always offers it). Set 'ssl.channel-binding' ="
                    + " 'prefer' to connect without it.";
        }
        return null;
    }

    private static String trustSource(ConnectionConfig config) {
        String rootCert = config.sslRootCert();
        if (rootCert == null || TrustedCertificates.SYSTEM.equals(rootCert)) {
            return "'ssl.root-cert' is not set, so only the JVM's default trusted CAs are used";
        }
        return "'ssl.root-cert' = '" + rootCert + "'";
    }

    private static String bindingProblem(String message, ConnectionConfig config) {
        if (message.contains("SSL is not in use") || config.sslMode() == SslMode.DISABLE) {
            return "the connection is not encrypted ('ssl.mode' = '" + config.sslMode() + "').";
        }
        return "the server did not offer it (" + message + ").";
    }
}
