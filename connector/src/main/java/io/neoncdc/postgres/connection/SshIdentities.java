package io.neoncdc.postgres.connection;

import io.neoncdc.postgres.config.SshTunnelConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * Loads the {@code ssh.private-key} file: OpenSSH or PEM, RSA, ECDSA or ed25519, maybe encrypted.
 */
final class SshIdentities {
    private SshIdentities() {}

    static List<KeyPair> load(SshTunnelConfig ssh) throws IOException {
        List<KeyPair> keys = new ArrayList<>();
        if (ssh.privateKey() == null) {
            return keys;
        }
        Path file = Paths.get(ssh.privateKey());
        FilePasswordProvider passphrase =
                ssh.privateKeyPassphrase() == null
                        ? FilePasswordProvider.EMPTY
                        : FilePasswordProvider.of(ssh.privateKeyPassphrase());
        try (InputStream in = Files.newInputStream(file)) {
            Iterable<KeyPair> loaded =
                    SecurityUtils.loadKeyPairIdentities(
                            null, NamedResource.ofName(file.toString()), in, passphrase);
            if (loaded != null) {
                loaded.forEach(keys::add);
            }
        } catch (NoSuchFileException e) {
            throw failure(file, "no such file on this machine");
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            String reason =
                    ssh.privateKeyPassphrase() == null
                            ? "it cannot be read ("
                                    + e.getMessage()
                                    + "); if it is encrypted,"
                                    + " set 'ssh.private-key-passphrase'"
                            : "it cannot be read with the given 'ssh.private-key-passphrase' ("
                                    + e.getMessage()
                                    + ")";
            throw failure(file, reason);
        }
        if (keys.isEmpty()) {
            throw failure(file, "it holds no private key");
        }
        return keys;
    }

    private static IOException failure(Path file, String reason) {
        return new IOException(
                "'ssh.private-key' = '"
                        + file
                        + "' cannot be used: "
                        + reason
                        + ". Use an OpenSSH or PEM private key (RSA, ECDSA or ed25519) that is"
                        + " readable on every Flink machine.");
    }
}
