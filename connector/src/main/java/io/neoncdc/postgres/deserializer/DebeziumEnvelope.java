package io.neoncdc.postgres.deserializer;

import io.neoncdc.postgres.event.CapturedTableSchema;
import io.neoncdc.postgres.event.ChangeEvent;
import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonGenerator;

/**
 * Writes one change as the value of a Debezium PostgreSQL change event with the JSON converter's
 * {@code schemas.enable=false}: {@code before}, {@code after}, {@code source} (fields and order of
 * Debezium's {@code io.debezium.connector.postgresql.Source}), {@code op}, {@code ts_ms}, {@code
 * ts_us}, {@code ts_ns}, {@code transaction}.
 */
final class DebeziumEnvelope implements Serializable {
    private static final long serialVersionUID = 1L;

    private final DebeziumValues values;
    private final String version;

    DebeziumEnvelope(DebeziumValues values, String version) {
        this.values = values;
        this.version = version;
    }

    /** Writes the event; {@code now} is when the connector processed it (envelope ts_*). */
    void write(JsonGenerator g, ChangeEvent e, Instant now) throws IOException {
        CapturedTableSchema t = e.table();
        g.writeStartObject();
        g.writeFieldName("before");
        values.row(g, e.before(), t.rowType(), t.columnTypes());
        g.writeFieldName("after");
        values.row(g, e.after(), t.rowType(), t.columnTypes());
        g.writeFieldName("source");
        source(g, e, now);
        g.writeStringField("op", e.op().code());
        timestamps(g, now.getEpochSecond(), now.getNano());
        g.writeNullField("transaction");
        g.writeEndObject();
    }

    private void source(JsonGenerator g, ChangeEvent e, Instant now) throws IOException {
        CapturedTableSchema t = e.table();
        boolean snapshot = e.isSnapshot();
        g.writeStartObject();
        g.writeStringField("version", version);
        g.writeStringField("connector", "postgresql");
        g.writeStringField("name", t.serverName());
        // The commit time for changes (PostgreSQL has it in µs); the read time for snapshot rows.
        long seconds =
                snapshot ? now.getEpochSecond() : Math.floorDiv(e.commitTimeMicros(), 1_000_000L);
        int nanos =
                snapshot
                        ? now.getNano()
                        : (int) Math.floorMod(e.commitTimeMicros(), 1_000_000L) * 1000;
        g.writeNumberField("ts_ms", seconds * 1000 + nanos / 1_000_000);
        // Chunks are read in parallel, so no reader knows which row is the very last one:
        // every snapshot row says "true" (Debezium's "first"/"last" markers are not produced).
        g.writeStringField("snapshot", snapshot ? "true" : "false");
        g.writeStringField("db", t.database());
        if (snapshot) {
            g.writeNullField("sequence");
        } else {
            g.writeStringField("sequence", sequence(e));
        }
        g.writeNumberField("ts_us", seconds * 1_000_000 + nanos / 1000);
        g.writeNumberField("ts_ns", seconds * 1_000_000_000 + nanos);
        g.writeStringField("schema", t.id().schema());
        g.writeStringField("table", t.id().table());
        if (snapshot) {
            g.writeNullField("txId");
            g.writeNullField("lsn");
        } else {
            g.writeNumberField("txId", e.xid());
            g.writeNumberField("lsn", e.lsn() > 0 ? e.lsn() : e.commitLsn());
        }
        g.writeNullField("xmin");
        g.writeEndObject();
    }

    /** {@code ["<last commit LSN>","<event LSN>"]} as a string, LSNs as decimal numbers. */
    private static String sequence(ChangeEvent e) {
        long lsn = e.lsn() > 0 ? e.lsn() : e.commitLsn();
        String last = e.lastCommitLsn() > 0 ? "\"" + e.lastCommitLsn() + "\"" : "null";
        return "[" + last + ",\"" + lsn + "\"]";
    }

    private static void timestamps(JsonGenerator g, long seconds, int nanos) throws IOException {
        g.writeNumberField("ts_ms", seconds * 1000 + nanos / 1_000_000);
        g.writeNumberField("ts_us", seconds * 1_000_000 + nanos / 1000);
        g.writeNumberField("ts_ns", seconds * 1_000_000_000 + nanos);
    }
}
