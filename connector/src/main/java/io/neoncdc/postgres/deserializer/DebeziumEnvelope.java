package io.neoncdc.postgres.deserializer;

import io.neoncdc.postgres.event.CapturedTableSchema;
import io.neoncdc.postgres.event.ChangeEvent;
import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonGenerator;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.io.SerializedString;

/**
 * Writes one change as the value of a Debezium PostgreSQL change event with the JSON converter's
 * {@code schemas.enable=false}: {@code before}, {@code after}, {@code source} (fields and order of
 * Debezium's {@code io.debezium.connector.postgresql.Source}), {@code op}, {@code ts_ms}, {@code
 * ts_us}, {@code ts_ns}, {@code transaction}.
 */
final class DebeziumEnvelope implements Serializable {
    private static final long serialVersionUID = 1L;

    // Field names encoded once (written per event: a name as a String is encoded each time).
    private static final SerializedString F_AFTER = new SerializedString("after");
    private static final SerializedString F_BEFORE = new SerializedString("before");
    private static final SerializedString F_CONNECTOR = new SerializedString("connector");
    private static final SerializedString F_DB = new SerializedString("db");
    private static final SerializedString F_LSN = new SerializedString("lsn");
    private static final SerializedString F_NAME = new SerializedString("name");
    private static final SerializedString F_OP = new SerializedString("op");
    private static final SerializedString F_SCHEMA = new SerializedString("schema");
    private static final SerializedString F_SEQUENCE = new SerializedString("sequence");
    private static final SerializedString F_SNAPSHOT = new SerializedString("snapshot");
    private static final SerializedString F_SOURCE = new SerializedString("source");
    private static final SerializedString F_TABLE = new SerializedString("table");
    private static final SerializedString F_TRANSACTION = new SerializedString("transaction");
    private static final SerializedString F_TS_MS = new SerializedString("ts_ms");
    private static final SerializedString F_TS_NS = new SerializedString("ts_ns");
    private static final SerializedString F_TS_US = new SerializedString("ts_us");
    private static final SerializedString F_TX_ID = new SerializedString("txId");
    private static final SerializedString F_VERSION = new SerializedString("version");
    private static final SerializedString F_XMIN = new SerializedString("xmin");
    private static final SerializedString POSTGRESQL = new SerializedString("postgresql");
    private static final SerializedString TRUE = new SerializedString("true");
    private static final SerializedString FALSE = new SerializedString("false");

    private final DebeziumValues values;
    private final String version;
    private transient SerializedString versionText;
    private transient CapturedTableSchema lastTable;
    private transient SerializedString[] tableTexts;

    DebeziumEnvelope(DebeziumValues values, String version) {
        this.values = values;
        this.version = version;
    }

    /** Writes the event; {@code now} is when the connector processed it (envelope ts_*). */
    void write(JsonGenerator g, ChangeEvent e, Instant now) throws IOException {
        CapturedTableSchema t = e.table();
        g.writeStartObject();
        g.writeFieldName(F_BEFORE);
        values.row(g, e.before(), t.rowType(), t.columnTypes());
        g.writeFieldName(F_AFTER);
        values.row(g, e.after(), t.rowType(), t.columnTypes());
        g.writeFieldName(F_SOURCE);
        source(g, e, now);
        string(g, F_OP, e.op().code());
        timestamps(g, now.getEpochSecond(), now.getNano());
        nul(g, F_TRANSACTION);
        g.writeEndObject();
    }

    private void source(JsonGenerator g, ChangeEvent e, Instant now) throws IOException {
        CapturedTableSchema t = e.table();
        boolean snapshot = e.isSnapshot();
        if (t != lastTable) {
            // Per table: name, db, schema, table encoded once (every event repeats them).
            lastTable = t;
            tableTexts =
                    new SerializedString[] {
                        new SerializedString(t.serverName()),
                        new SerializedString(t.database()),
                        new SerializedString(t.id().schema()),
                        new SerializedString(t.id().table())
                    };
            if (versionText == null) {
                versionText = new SerializedString(version);
            }
        }
        g.writeStartObject();
        g.writeFieldName(F_VERSION);
        g.writeString(versionText);
        g.writeFieldName(F_CONNECTOR);
        g.writeString(POSTGRESQL);
        g.writeFieldName(F_NAME);
        g.writeString(tableTexts[0]);
        // The commit time for changes (PostgreSQL has it in µs); the read time for snapshot rows.
        long seconds =
                snapshot ? now.getEpochSecond() : Math.floorDiv(e.commitTimeMicros(), 1_000_000L);
        int nanos =
                snapshot
                        ? now.getNano()
                        : (int) Math.floorMod(e.commitTimeMicros(), 1_000_000L) * 1000;
        number(g, F_TS_MS, seconds * 1000 + nanos / 1_000_000);
        // Chunks are read in parallel, so no reader knows which row is the very last one:
        // every snapshot row says "true" (Debezium's "first"/"last" markers are not produced).
        g.writeFieldName(F_SNAPSHOT);
        g.writeString(snapshot ? TRUE : FALSE);
        g.writeFieldName(F_DB);
        g.writeString(tableTexts[1]);
        if (snapshot) {
            nul(g, F_SEQUENCE);
        } else {
            string(g, F_SEQUENCE, sequence(e));
        }
        number(g, F_TS_US, seconds * 1_000_000 + nanos / 1000);
        number(g, F_TS_NS, seconds * 1_000_000_000 + nanos);
        g.writeFieldName(F_SCHEMA);
        g.writeString(tableTexts[2]);
        g.writeFieldName(F_TABLE);
        g.writeString(tableTexts[3]);
        if (snapshot) {
            nul(g, F_TX_ID);
            nul(g, F_LSN);
        } else {
            number(g, F_TX_ID, e.xid());
            number(g, F_LSN, e.lsn() > 0 ? e.lsn() : e.commitLsn());
        }
        nul(g, F_XMIN);
        g.writeEndObject();
    }

    /** {@code ["<last commit LSN>","<event LSN>"]} as a string, LSNs as decimal numbers. */
    private static String sequence(ChangeEvent e) {
        long lsn = e.lsn() > 0 ? e.lsn() : e.commitLsn();
        String last = e.lastCommitLsn() > 0 ? "\"" + e.lastCommitLsn() + "\"" : "null";
        return "[" + last + ",\"" + lsn + "\"]";
    }

    private static void timestamps(JsonGenerator g, long seconds, int nanos) throws IOException {
        number(g, F_TS_MS, seconds * 1000 + nanos / 1_000_000);
        number(g, F_TS_US, seconds * 1_000_000 + nanos / 1000);
        number(g, F_TS_NS, seconds * 1_000_000_000 + nanos);
    }

    private static void string(JsonGenerator g, SerializedString name, String value)
            throws IOException {
        g.writeFieldName(name);
        g.writeString(value);
    }

    private static void number(JsonGenerator g, SerializedString name, long value)
            throws IOException {
        g.writeFieldName(name);
        g.writeNumber(value);
    }

    private static void nul(JsonGenerator g, SerializedString name) throws IOException {
        g.writeFieldName(name);
        g.writeNull();
    }
}
