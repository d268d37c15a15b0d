package io.neoncdc.postgres.connection;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.SocketFactory;
import jdk.net.ExtendedSocketOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plain socket factory pgjdbc instantiates for every connection ({@code socketFactory}): TCP
 * keepalive probes after 10 s of silence, every 5 s, 3 times (pgjdbc only switches keepalive on,
 * and the OS default waits about 2 hours), so a dead peer or a cut network under a blocked read (a
 * long COPY, a slot creation that waits) is detected in about 25 s; and it records when each
 * connection last received bytes ({@link SocketActivity}), so a replication stream that polls
 * without blocking can tell silence from idleness. TLS is layered over these sockets, so the probes
 * and the clock work for TLS connections too.
 */
public final class KeepAliveSocketFactory extends SocketFactory {
    private static final Logger LOG = LoggerFactory.getLogger(KeepAliveSocketFactory.class);

    /** Our key in the connection properties: names the connection whose socket this makes. */
    static final String SOCKET_ID = "neoncdc.socketId";

    static final int KEEPALIVE_IDLE_SECONDS = 10;
    static final int KEEPALIVE_INTERVAL_SECONDS = 5;
    static final int KEEPALIVE_COUNT = 3;

    /** Sockets made but not yet bound to their connection ({@link SocketActivity#bind}). */
    private static final Map<String, TrackedSocket> UNBOUND = new ConcurrentHashMap<>();

    private static volatile boolean warned;

    private final String id;

    /** pgjdbc passes the connection's properties to this constructor. */
    public KeepAliveSocketFactory(Properties info) {
        this.id = info == null ? null : info.getProperty(SOCKET_ID);
    }

    /** The socket made for the connection with this id, once (null if none). */
    static TrackedSocket take(String id) {
        return id == null ? null : UNBOUND.remove(id);
    }

    @Override
    public Socket createSocket() {
        TrackedSocket socket = new TrackedSocket();
        if (id != null) {
            UNBOUND.put(id, socket); // a retry (e.g. sslmode=prefer) replaces the earlier one
        }
        return socket;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new java.net.InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
            throws IOException {
        return connected(new java.net.InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new java.net.InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(
            InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected(new java.net.InetSocketAddress(address, port));
    }

    private Socket connected(SocketAddress address) throws IOException {
        Socket s = createSocket();
        s.connect(address);
        return s;
    }

    /** A socket that tunes keepalive once connected and notes when it last received bytes. */
    static final class TrackedSocket extends Socket {
        private volatile long lastReadNanos = System.nanoTime();
        private InputStream in;

        long lastReadNanos() {
            return lastReadNanos;
        }

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            super.connect(endpoint, timeout);
            tuneKeepAlive(this);
            lastReadNanos = System.nanoTime();
        }

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                in =
                        new FilterInputStream(super.getInputStream()) {
                            @Override
                            public int read() throws IOException {
                                int b = super.read();
                                if (b >= 0) {
                                    lastReadNanos = System.nanoTime();
                                }
                                return b;
                            }

                            @Override
                            public int read(byte[] buf, int off, int len) throws IOException {
                                int n = super.read(buf, off, len);
                                if (n > 0) {
                                    lastReadNanos = System.nanoTime();
                                }
                                return n;
                            }
                        };
            }
            return in;
        }
    }

    /** Keepalive on, with short probe timings where the platform supports setting them. */
    static void tuneKeepAlive(Socket s) throws IOException {
        s.setKeepAlive(true);
        try {
            set(s, ExtendedSocketOptions.TCP_KEEPIDLE, KEEPALIVE_IDLE_SECONDS);
            set(s, ExtendedSocketOptions.TCP_KEEPINTERVAL, KEEPALIVE_INTERVAL_SECONDS);
            set(s, ExtendedSocketOptions.TCP_KEEPCOUNT, KEEPALIVE_COUNT);
        } catch (UnsupportedOperationException | IOException e) {
            if (!warned) {
                warned = true;
                LOG.warn(
                        "Cannot shorten TCP keepalive on this platform ({}): a silent network cut"
                                + " under a blocked read is noticed only by the OS default"
                                + " keepalive",
                        e.toString());
            }
        }
    }

    private static void set(Socket s, SocketOption<Integer> option, int value) throws IOException {
        if (s.supportedOptions().contains(option)) {
            s.setOption(option, value);
        } else {
            throw new UnsupportedOperationException(option.name());
        }
    }
}
