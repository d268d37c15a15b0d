package io.neoncdc.postgres.connection;

import io.neoncdc.postgres.config.SshTunnelConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.util.net.SshdSocketAddress;

/** Turns SSH tunnel failures into messages that name the {@code ssh.*} setting to fix. */
final class SshErrors {
    private SshErrors() {}

    static IOException explain(
            Exception e, SshTunnelConfig ssh, SshdSocketAddress target, String hostKeyRefusal) {
        String prefix = "SSH tunnel " + ssh + " to " + target + " failed: ";
        if (hostKeyRefusal != null) {
            return new IOException(prefix + hostKeyRefusal, e);
        }
        if (e instanceof IOException && String.valueOf(e.getMessage()).contains("'ssh.")) {
            return (IOException) e; // already names the option (key file)
        }
        String message = String.valueOf(e.getMessage());
        String hint;
        if (hasCause(e, UnknownHostException.class)) {
            hint = "unknown host '" + ssh.host() + "': check 'ssh.host'.";
        } else if (hasCause(e, ConnectException.class)) {
            hint =
                    "nothing accepts SSH connections on "
                            + ssh.host()
                            + ":"
                            + ssh.port()
                            + ": check 'ssh.host' and 'ssh.port'.";
        } else if (message.contains("No more authentication methods")
                || message.toLowerCase(java.util.Locale.ROOT).contains("auth")) {
            hint =
                    "user '"
                            + ssh.user()
                            + "' could not log in ("
                            + message
                            + "): check 'ssh.user' and 'ssh.private-key' (its public key must be"
                            + " in the user's authorized_keys) or 'ssh.password'.";
        } else if (e instanceof SshException && message.contains("timeout")) {
            hint =
                    "no answer from "
                            + ssh.host()
                            + ":"
                            + ssh.port()
                            + " within 'connect.timeout': check 'ssh.host', 'ssh.port' and"
                            + " firewalls.";
        } else {
            hint = message;
        }
        return new IOException(prefix + hint, e);
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
