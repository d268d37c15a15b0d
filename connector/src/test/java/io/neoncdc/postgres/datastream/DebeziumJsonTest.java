package io.neoncdc.postgres.datastream;

import static io.neoncdc.postgres.datastream.DebeziumFixtures.change;
import static io.neoncdc.postgres.datastream.DebeziumFixtures.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.config.DecimalHandlingMode;
import io.neoncdc.postgres.config.TopicNaming;
import io.neoncdc.postgres.deserializer.DebeziumJsonDeserializer;
import io.neoncdc.postgres.event.ChangeEvent;
import io.neoncdc.postgres.event.Op;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

/**
 * The Debezium JSON of inserts, updates, deletes and snapshot reads, against the JSON Debezium's
 * PostgreSQL connector documents for the same row (JSON converter, schemas.enable=false, defaults).
 */
class DebeziumJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2024-05-06T12:53:20Z");

    /** Debezium's value of the row: precise decimals, adaptive time precision, base64 bytes. */
    static final String AFTER =
            "{\"id\":1,\"big\":9007199254740993,\"amount\":\"AeI6\",\"ratio\":{\"scale\":3,\"value\":\"fQ==\"},\"note\":\"h\u00e9llo"
                + " \\\"q\\\"\",\"flag\":true,\"ts\":1704164645123456,"
                + "\"tstz\":\"2024-01-02T03:04:05.123456Z\",\"day\":19724,\"data\":\"AQL/\",\"uid\":\"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\",\"doc\":\"{\\\"a\\\":"
                + " 1}\",\"tags\":[\"x\",\"y\",null],\"t\":11045123000}";

    static final String SOURCE =
            "{\"version\":\"V\",\"connector\":\"postgresql\",\"name\":\"shopserver\","
                    + "\"ts_ms\":1714979289654,\"snapshot\":\"false\",\"db\":\"shop\","
                    + "\"sequence\":\"[\\\"24023000\\\",\\\"24023128\\\"]\","
                    + "\"ts_us\":1714979289654321,\"ts_ns\":1714979289654321000,"
                    + "\"schema\":\"public\",\"table\":\"everything\",\"txId\":771,"
                    + "\"lsn\":24023128,\"xmin\":null}";

    static final String ENVELOPE_TAIL =
            ",\"ts_ms\":1715000000000,\"ts_us\":1715000000000000,"
                    + "\"ts_ns\":1715000000000000000,\"transaction\":null}";

    @Test
    void insertIsDebeziumsCreateEventByteForByte() throws Exception {
        String json = json(change(Op.INSERT, null, row("h\u00e9llo \"q\"", "1234.50")));
        assertThat(json)
                .isEqualTo(
                        "{\"before\":null,\"after\":"
                                + AFTER
                                + ",\"source\":"
                                + SOURCE
                                + ",\"op\":\"c\""
                                + ENVELOPE_TAIL);
    }

    @Test
    void updateCarriesTheOldRowOfReplicaIdentityFull() throws Exception {
        JsonNode update =
                parse(
                        json(
                                change(
                                        Op.UPDATE,
                                        row("old", "-0.05"),
                                        row("h\u00e9llo \"q\"", "1234.50"))));
        String before =
                AFTER.replace("\"AeI6\"", "\"+w==\"").replace("h\u00e9llo \\\"q\\\"", "old");
        assertThat(update.get("op").asText()).isEqualTo("u");
        assertThat(update.get("before")).isEqualTo(JSON.readTree(before));
        assertThat(update.get("after")).isEqualTo(JSON.readTree(AFTER));
        assertThat(update.get("source")).isEqualTo(JSON.readTree(SOURCE));
    }

    @Test
    void deleteHasOnlyBefore() throws Exception {
        JsonNode delete = parse(json(change(Op.DELETE, row("h\u00e9llo \"q\"", "1234.50"), null)));
        assertThat(delete.get("op").asText()).isEqualTo("d");
        assertThat(delete.get("before")).isEqualTo(JSON.readTree(AFTER));
        assertThat(delete.get("after").isNull()).isTrue();
        assertThat(delete.get("ts_ms").asLong()).isEqualTo(NOW.toEpochMilli());
    }

    @Test
    void snapshotReadHasNoTransactionPosition() throws Exception {
        ChangeEvent read =
                ChangeEvent.read(
                        DebeziumFixtures.schema(new TopicNaming(null, false)),
                        row("h\u00e9llo \"q\"", "1234.50"));
        JsonNode r = parse(json(read));
        assertThat(r.get("op").asText()).isEqualTo("r");
        assertThat(r.get("after")).isEqualTo(JSON.readTree(AFTER));
        JsonNode source = r.get("source");
        assertThat(source.get("snapshot").asText()).isEqualTo("true");
        assertThat(source.get("name").asText()).as("no prefix: database").isEqualTo("shop");
        assertThat(source.get("ts_ms").asLong()).as("read time").isEqualTo(NOW.toEpochMilli());
        assertThat(source.get("txId").isNull()).isTrue();
        assertThat(source.get("lsn").isNull()).isTrue();
        assertThat(source.get("sequence").isNull()).isTrue();
    }

    @Test
    void decimalHandlingModesStringAndDouble() throws Exception {
        ChangeEvent insert = change(Op.INSERT, null, row("n", "1234.50"));
        JsonNode asString = parse(json(insert, DecimalHandlingMode.STRING)).get("after");
        assertThat(asString.get("amount").asText()).isEqualTo("1234.50");
        assertThat(asString.get("ratio").asText()).isEqualTo("0.125");
        JsonNode asDouble = parse(json(insert, DecimalHandlingMode.DOUBLE)).get("after");
        assertThat(asDouble.get("amount").isDouble()).isTrue();
        assertThat(asDouble.get("amount").asDouble()).isEqualTo(1234.5);
        assertThat(asDouble.get("ratio").asDouble()).isEqualTo(0.125);
    }

    @Test
    void bytesAreTheUtf8OfTheString() throws Exception {
        ChangeEvent insert = change(Op.INSERT, null, row("h\u00e9llo", "1.00"));
        DebeziumJsonDeserializer<byte[]> bytes = DebeziumJsonDeserializer.bytes();
        bytes.open(DecimalHandlingMode.PRECISE, Clock.fixed(NOW, ZoneOffset.UTC));
        List<byte[]> out = new ArrayList<>();
        bytes.deserialize(insert, collector(out));
        assertThat(versionless(new String(out.get(0), StandardCharsets.UTF_8)))
                .isEqualTo(json(insert));
    }

    static String json(ChangeEvent event) throws Exception {
        return json(event, DecimalHandlingMode.PRECISE);
    }

    static String json(ChangeEvent event, DecimalHandlingMode mode) throws Exception {
        DebeziumJsonDeserializer<String> d = DebeziumJsonDeserializer.strings();
        d.open(mode, Clock.fixed(NOW, ZoneOffset.UTC));
        List<String> out = new ArrayList<>();
        d.deserialize(event, collector(out));
        assertThat(out).hasSize(1);
        return versionless(out.get(0));
    }

    /** The connector's version (from the jar manifest) replaced by {@code V}. */
    static String versionless(String json) {
        return json.replaceFirst("\"version\":\"[^\"]*\"", "\"version\":\"V\"");
    }

    private static JsonNode parse(String json) throws Exception {
        return JSON.readTree(json);
    }

    private static <T> Collector<T> collector(List<T> out) {
        return new Collector<T>() {
            @Override
            public void collect(T record) {
                out.add(record);
            }

            @Override
            public void close() {}
        };
    }
}
