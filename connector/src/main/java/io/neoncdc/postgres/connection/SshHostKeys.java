package io.neoncdc.postgres.connection;

import io.neoncdc.postgres.config.SshTunnelConfig;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.List;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the bastion's host key against known_hosts like OpenSSH's StrictHostKeyChecking: a known
 * key passes, a changed or revoked one never does, an unknown one only when strict checking is off.
 * A refusal keeps a message with the key's SHA256 fingerprint and the known_hosts line to add.
 */
final class SshHostKeys implements ServerKeyVerifier {
    private static final Logger LOG = LoggerFactory.getLogger(SshHostKeys.class);

    private final SshTunnelConfig ssh;
    private final Path knownHosts;
    private volatile String refusal;

    SshHostKeys(SshTunnelConfig ssh) {
        this.ssh = ssh;
        this.knownHosts =
                ssh.knownHosts() != null
                        ? Paths.get(ssh.knownHosts())
                        : KnownHostEntry.getDefaultKnownHostsFile();
    }

    /** Why the last host key was refused, or null. */
    String refusal() {
        return refusal;
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remote, PublicKey key) {
        String fingerprint = KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
        String line = knownHostsLine(key);
        List<KnownHostEntry> entries;
        try {
            entries = read();
        } catch (IOException e) {
            refusal = "cannot read 'ssh.known-hosts' = '" + knownHosts + "': " + e.getMessage();
            return false;
        }
        boolean hostListed = false;
        for (KnownHostEntry entry : entries) {
            if (!entry.isHostMatch(ssh.host(), ssh.port()) || isCertAuthority(entry)) {
                continue;
            }
            PublicKey listed = resolve(entry);
            boolean same = listed != null && KeyUtils.compareKeys(listed, key);
            if (same && "revoked".equals(marker(entry))) {
                refusal =
                        "the host key of "
                                + address()
                                + " ("
                                + fingerprint
                                + ") is revoked in "
                                + knownHosts;
                return false;
            }
            if (same) {
                return true;
            }
            hostListed = true;
        }
        if (hostListed) {
            refusal =
                    "the host key of "
                            + address()
                            + " CHANGED: it offers "
                            + KeyUtils.getKeyType(key)
                            + " "
                            + fingerprint
                            + ", which is not the key listed in "
                            + knownHosts
                            + ". This can be an attack (someone in the middle) or a re-installed"
                            + " bastion. Check the fingerprint with the bastion's administrator;"
                            + " if it is right, replace that host's line in the known_hosts file"
                            + " with: "
                            + line;
            return false;
        }
        if (!ssh.strictHostKeyChecking()) {
            LOG.warn(
                    "Accepting the unknown host key {} of {} ('ssh.strict-host-key-checking' ="
                            + " 'false'); add this line to a known_hosts file to pin it: {}",
                    fingerprint,
                    address(),
                    line);
            return true;
        }
        refusal =
                "the host key of "
                        + address()
                        + " is unknown: it offers "
                        + KeyUtils.getKeyType(key)
                        + " "
                        + fingerprint
                        + " and "
                        + knownHosts
                        + (Files.exists(knownHosts) ? " does not list it" : " does not exist")
                        + ". Check the fingerprint with the bastion's administrator (e.g."
                        + " ssh-keyscan -p "
                        + ssh.port()
                        + " "
                        + ssh.host()
                        + " | ssh-keygen -lf -), then add this line to the file named by"
                        + " 'ssh.known-hosts': "
                        + line;
        return false;
    }

    private List<KnownHostEntry> read() throws IOException {
        if (!Files.exists(knownHosts)) {
            return List.of();
        }
        return KnownHostEntry.readKnownHostEntries(knownHosts);
    }

    private static boolean isCertAuthority(KnownHostEntry entry) {
        return "cert-authority".equals(marker(entry));
    }

    private static String marker(KnownHostEntry entry) {
        String marker = entry.getMarker();
        return marker != null && marker.startsWith("@") ? marker.substring(1) : marker;
    }

    private static PublicKey resolve(KnownHostEntry entry) {
        try {
            return entry.getKeyEntry().resolvePublicKey(null, PublicKeyEntryResolver.IGNORING);
        } catch (IOException | GeneralSecurityException e) {
            LOG.warn("Skipping a known_hosts line that cannot be read: {}", entry, e);
            return null;
        }
    }

    private String address() {
        return ssh.port() == 22 ? ssh.host() : "[" + ssh.host() + "]:" + ssh.port();
    }

    /** The line OpenSSH writes for this host: {@code [host]:port type base64}. */
    private String knownHostsLine(PublicKey key) {
        return address() + " " + PublicKeyEntry.toString(key);
    }
}
