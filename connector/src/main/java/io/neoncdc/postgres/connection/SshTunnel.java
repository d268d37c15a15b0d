package io.neoncdc.postgres.connection;

import io.neoncdc.postgres.config.SshTunnelConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.forward.ExplicitPortForwardingTracker;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelListener;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.core.CoreModuleProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SSH session with a local port forward 127.0.0.1:&lt;free port&gt; to the database host and
 * port; re-established by the next connection after it dropped. Thread-safe.
 */
final class SshTunnel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SshTunnel.class);
    private static final int KEEPALIVE_NO_REPLY_MAX = 3;

    private final SshTunnelConfig ssh;
    private final SshdSocketAddress target;
    private final Duration timeout;
    private final Set<Channel> openChannels = ConcurrentHashMap.newKeySet();
    private volatile long idleSinceNanos = System.nanoTime();
    private SshClient client;
    private ClientSession session;
    private ExplicitPortForwardingTracker forward;

    SshTunnel(SshTunnelConfig ssh, String targetHost, int targetPort, Duration timeout) {
        this.ssh = ssh;
        this.target = new SshdSocketAddress(targetHost, targetPort);
        this.timeout = timeout;
    }

    /** The local end of the forward, opening (or re-opening) the SSH session when needed. */
    synchronized InetSocketAddress localEndpoint() throws IOException {
        if (!isUp()) {
            if (session != null) {
                LOG.info("SSH tunnel {} -> {} dropped; re-establishing it", ssh, target);
            }
            close();
            open();
        }
        idleSinceNanos = System.nanoTime();
        return forward.getBoundAddress().toInetSocketAddress();
    }

    /** Whether nothing was forwarded for at least {@code idle}. */
    boolean idleFor(Duration idle) {
        if (!openChannels.isEmpty()) {
            idleSinceNanos = System.nanoTime();
            return false;
        }
        return System.nanoTime() - idleSinceNanos >= idle.toNanos();
    }

    private boolean isUp() {
        return session != null
                && session.isOpen()
                && !session.isClosing()
                && forward != null
                && forward.isOpen();
    }

    private void open() throws IOException {
        SshHostKeys hostKeys = new SshHostKeys(ssh);
        client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(hostKeys);
        // Liveness comes from keepalives; an idle tunnel is closed by SshTunnels instead.
        CoreModuleProperties.IDLE_TIMEOUT.set(client, Duration.ZERO);
        if (!ssh.keepaliveInterval().isZero()) {
            CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, ssh.keepaliveInterval());
            CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(client, KEEPALIVE_NO_REPLY_MAX);
        }
        client.addChannelListener(new ChannelCounter());
        client.start();
        try {
            session =
                    client.connect(ssh.user(), ssh.host(), ssh.port()).verify(timeout).getSession();
            if (ssh.password() != null) {
                session.addPasswordIdentity(ssh.password());
            }
            for (KeyPair key : SshIdentities.load(ssh)) {
                session.addPublicKeyIdentity(key);
            }
            session.auth().verify(timeout);
            forward =
                    session.createLocalPortForwardingTracker(
                            new SshdSocketAddress(SshdSocketAddress.LOCALHOST_IPV4, 0), target);
        } catch (IOException | RuntimeException e) {
            close();
            throw SshErrors.explain(e, ssh, target, hostKeys.refusal());
        }
        LOG.info("SSH tunnel {} open: {} -> {}", ssh, forward.getBoundAddress(), target);
    }

    @Override
    public synchronized void close() {
        if (client == null) {
            return;
        }
        try {
            if (forward != null) {
                forward.close();
            }
            if (session != null) {
                session.close(true);
            }
            client.stop();
        } catch (IOException | RuntimeException e) {
            LOG.debug("Closing the SSH tunnel {} failed", ssh, e);
        }
        forward = null;
        session = null;
        client = null;
    }

    /** Counts the forwarded connections (channels) that are open right now. */
    private final class ChannelCounter implements ChannelListener {
        @Override
        public void channelOpenSuccess(Channel channel) {
            openChannels.add(channel);
        }

        @Override
        public void channelClosed(Channel channel, Throwable reason) {
            openChannels.remove(channel);
            idleSinceNanos = System.nanoTime();
        }
    }
}
