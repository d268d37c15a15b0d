package io.neoncdc.jobs.bench;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.postgresql.PGConnection;
import org.postgresql.PGProperty;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;

/**
 * The drain baseline when no pg_recvlogical exists: a minimal pgjdbc replication reader (pgoutput,
 * proto_version 1, text values) that only counts messages until the end position.
 */
final class JdbcDrain {
    private JdbcDrain() {}

    static DrainResult drain(BenchServer server, String slot, String endLsn) throws Exception {
        Properties props = new Properties();
        PGProperty.USER.set(props, server.user);
        PGProperty.PASSWORD.set(props, server.password);
        PGProperty.SSL_MODE.set(props, server.sslMode);
        PGProperty.REPLICATION.set(props, "database");
        PGProperty.PREFER_QUERY_MODE.set(props, "simple");
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(props, "10");
        long end = LogSequenceNumber.valueOf(endLsn).asLong();
        String url = "jdbc:postgresql://" + server.host + ":" + server.port + "/" + server.database;
        try (Connection c = DriverManager.getConnection(url, props)) {
            long start = System.nanoTime();
            PGReplicationStream stream =
                    c.unwrap(PGConnection.class)
                            .getReplicationAPI()
                            .replicationStream()
                            .logical()
                            .withSlotName(slot)
                            .withSlotOption("proto_version", 1)
                            .withSlotOption("publication_names", DataSets.PUBLICATION)
                            .withStatusInterval(10, TimeUnit.SECONDS)
                            .start();
            long messages = 0;
            long last = start;
            while (stream.getLastReceiveLSN().asLong() < end) {
                ByteBuffer b = stream.readPending();
                if (b == null) {
                    LockSupport.parkNanos(100_000);
                    continue;
                }
                messages++;
                last = System.nanoTime();
            }
            stream.close();
            if (messages == 0) {
                throw new IllegalStateException("No replication messages from slot " + slot);
            }
            return new DrainResult((last - start) / 1e9, "in the bench JVM");
        }
    }
}
