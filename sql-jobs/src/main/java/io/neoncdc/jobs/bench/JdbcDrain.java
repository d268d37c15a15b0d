package io.neoncdc.jobs.bench;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.util.concurrent.locks.LockSupport;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;

/**
 * The drain baseline when no pg_recvlogical exists: a minimal pgjdbc replication reader (pgoutput,
 * proto_version 1, text values) that only counts messages until the end position.
 */
final class JdbcDrain {
    private JdbcDrain() {}

    static DrainResult drain(BenchServer server, String slot, String endLsn) throws Exception {
        long end = LogSequenceNumber.valueOf(endLsn).asLong();
        try (Connection c = BareReplication.connect(server)) {
            long start = System.nanoTime();
            PGReplicationStream stream = BareReplication.stream(c, slot);
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
