package io.neoncdc.postgres.pgoutput;

import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.postgresql.PGConnection;
import org.postgresql.PGProperty;
import org.postgresql.replication.PGReplicationStream;
import org.postgresql.replication.fluent.logical.ChainedLogicalStreamBuilder;

/**
 * Streams a logical slot over a pgjdbc replication connection until the end marker message and
 * writes every XLogData payload to {@code <name>.frames} / {@code <name>.index} (the format {@link
 * CapturedFrames} reads). Used only by {@link PgOutputFrameCapture}.
 */
final class FrameRecorder {
    /** Prefix of the non-transactional logical message that ends every capture. */
    static final String END_MARKER = "capture-end";

    private static final long TIMEOUT_MILLIS = 60_000;

    private final TestDatabase db;
    private final String slot;
    private final Map<String, String> slotOptions = new LinkedHashMap<>();
    private String startupOptions;

    FrameRecorder(TestDatabase db, String slot) {
        this.db = db;
        this.slot = slot;
    }

    FrameRecorder option(String name, String value) {
        slotOptions.put(name, value);
        return this;
    }

    /**
     * Server settings for the walsender session, e.g. {@code -c logical_decoding_work_mem=64kB}.
     */
    FrameRecorder startupOptions(String options) {
        this.startupOptions = options;
        return this;
    }

    /** Creates the slot now, so that the workload that follows is what gets decoded. */
    FrameRecorder createSlot() {
        db.execute("SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
        return this;
    }

    /** Emits the end marker, streams everything up to it, writes the files, drops the slot. */
    void recordTo(Path dir, String name) throws SQLException, IOException, InterruptedException {
        db.execute("SELECT pg_logical_emit_message(false, '" + END_MARKER + "', '')");
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        StringBuilder index = new StringBuilder(header(name));
        Map<Character, Integer> kinds = new TreeMap<>();
        PgOutputDecoder decoder = new PgOutputDecoder();
        try (Connection connection = replicationConnection()) {
            ChainedLogicalStreamBuilder builder =
                    connection
                            .unwrap(PGConnection.class)
                            .getReplicationAPI()
                            .replicationStream()
                            .logical()
                            .withSlotName(slot);
            slotOptions.forEach(builder::withSlotOption);
            try (PGReplicationStream stream = builder.start()) {
                long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
                while (true) {
                    ByteBuffer buffer = stream.readPending();
                    if (buffer == null) {
                        if (System.currentTimeMillis() > deadline) {
                            throw new IllegalStateException("No end marker within 60 s: " + name);
                        }
                        Thread.sleep(5);
                        continue;
                    }
                    long walStart = stream.getLastReceiveLSN().asLong();
                    if (data.size() == 0) {
                        System.out.printf(
                                "pgjdbc buffer: position %d, arrayOffset %d, limit %d, array %d%n",
                                buffer.position(),
                                buffer.arrayOffset(),
                                buffer.limit(),
                                buffer.array().length);
                    }
                    byte[] payload = new byte[buffer.remaining()];
                    buffer.duplicate().get(payload);
                    data.write(payload);
                    index.append(Lsn.format(walStart)).append(' ').append(payload.length);
                    index.append('\n');
                    kinds.merge((char) payload[0], 1, Integer::sum);
                    PgOutputMessage message = decoder.decode(buffer, walStart);
                    if (message instanceof LogicalMessage
                            && END_MARKER.equals(((LogicalMessage) message).prefix())) {
                        break;
                    }
                }
            }
        }
        db.execute("SELECT pg_drop_replication_slot('" + slot + "')");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name + ".frames"), data.toByteArray());
        Files.write(
                dir.resolve(name + ".index"), index.toString().getBytes(StandardCharsets.UTF_8));
        System.out.printf("%s: %d bytes, message kinds %s%n", name, data.size(), kinds);
    }

    private String header(String name) {
        return "# "
                + name
                + ": pgoutput frames captured by PgOutputFrameCapture from PostgreSQL "
                + db.queryValue("SHOW server_version")
                + "\n# slot options: "
                + slotOptions
                + (startupOptions == null ? "" : ", walsender options: " + startupOptions)
                + "\n# one line per XLogData frame: <wal start> <payload length>;"
                + " payloads are concatenated in "
                + name
                + ".frames\n";
    }

    private Connection replicationConnection() throws SQLException {
        PostgresTestServer server = db.server();
        Properties props = new Properties();
        PGProperty.USER.set(props, server.user());
        PGProperty.PASSWORD.set(props, server.password());
        PGProperty.SSL_MODE.set(props, server.sslMode());
        PGProperty.REPLICATION.set(props, "database");
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(props, "9.4");
        PGProperty.PREFER_QUERY_MODE.set(props, "simple");
        if (startupOptions != null) {
            PGProperty.OPTIONS.set(props, startupOptions);
        }
        return DriverManager.getConnection(server.jdbcUrl(db.name()), props);
    }
}
