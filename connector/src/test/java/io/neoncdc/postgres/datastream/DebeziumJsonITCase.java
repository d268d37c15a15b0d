package io.neoncdc.postgres.datastream;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.NeonPostgresSource;
import io.neoncdc.postgres.deserializer.ChangeEventDeserializers;
import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A DataStream job emitting Debezium JSON for a snapshot row, then an insert, an update and a
 * delete of a row with many types: every field is what Debezium's PostgreSQL connector writes for
 * that row (the values {@link DebeziumJsonTest} checks byte for byte), and the positions and
 * timestamps have Debezium's fields, types and units.
 */
class DebeziumJsonITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestDatabase db;

    @BeforeAll
    static void setUp() {
        db = PostgresTestServer.get().createDatabase("debezium_json");
        db.execute(
                "CREATE TABLE everything (" + DebeziumFixtures.DDL + ")",
                "ALTER TABLE everything REPLICA IDENTITY FULL",
                "INSERT INTO everything VALUES (" + DebeziumFixtures.VALUES + ")");
    }

    @Test
    @Timeout(180)
    void snapshotInsertUpdateDeleteAreDebeziumEvents() throws Exception {
        long start = System.currentTimeMillis();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        NeonPostgresSource<String> source =
                NeonPostgresSource.<String>builder()
                        .options(db.connectionOptions())
                        .tableName("everything")
                        .slotName(db.name())
                        .option("topic.prefix", "shopserver")
                        .deserializer(ChangeEventDeserializers.debeziumJson())
                        .build();
        List<JsonNode> events = new ArrayList<>();
        try (CloseableIterator<String> it =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "pg")
                        .executeAndCollect("debezium-json")) {
            events.add(JSON.readTree(it.next()));
            String values = DebeziumFixtures.VALUES.replaceFirst("1", "2");
            db.execute(
                    "INSERT INTO everything VALUES (" + values + ")",
                    "UPDATE everything SET amount = -0.05, note = 'old' WHERE id = 2",
                    "DELETE FROM everything WHERE id = 2");
            for (int i = 0; i < 3; i++) {
                events.add(JSON.readTree(it.next()));
            }
        }
        String row2 = DebeziumJsonTest.AFTER.replace("{\"id\":1,", "{\"id\":2,");
        JsonNode row1 = JSON.readTree(DebeziumJsonTest.AFTER);
        JsonNode inserted = JSON.readTree(row2);
        JsonNode updated =
                JSON.readTree(
                        row2.replace("\"AeI6\"", "\"+w==\"")
                                .replace("h\u00e9llo \\\"q\\\"", "old"));

        assertEvent(events.get(0), "r", null, row1, start);
        assertEvent(events.get(1), "c", null, inserted, start);
        assertEvent(events.get(2), "u", inserted, updated, start);
        assertEvent(events.get(3), "d", updated, null, start);
        // One transaction per statement: each has its own txId, in commit order.
        long tx1 = events.get(1).get("source").get("txId").asLong();
        long tx2 = events.get(2).get("source").get("txId").asLong();
        assertThat(tx2).isGreaterThan(tx1);
        assertThat(events.get(2).get("source").get("lsn").asLong())
                .isGreaterThan(events.get(1).get("source").get("lsn").asLong());
    }

    private static void assertEvent(
            JsonNode e, String op, JsonNode before, JsonNode after, long start) {
        assertThat(fieldNames(e))
                .containsExactly(
                        "before",
                        "after",
                        "source",
                        "op",
                        "ts_ms",
                        "ts_us",
                        "ts_ns",
                        "transaction");
        assertThat(e.get("op").asText()).isEqualTo(op);
        assertThat(e.get("before")).isEqualTo(before == null ? JSON.nullNode() : before);
        assertThat(e.get("after")).isEqualTo(after == null ? JSON.nullNode() : after);
        assertThat(e.get("transaction").isNull()).isTrue();
        long now = System.currentTimeMillis();
        assertThat(e.get("ts_ms").asLong()).isBetween(start, now);
        assertThat(e.get("ts_us").asLong() / 1000).isEqualTo(e.get("ts_ms").asLong());
        assertThat(e.get("ts_ns").asLong() / 1000).isEqualTo(e.get("ts_us").asLong());

        JsonNode s = e.get("source");
        assertThat(fieldNames(s))
                .containsExactly(
                        "version",
                        "connector",
                        "name",
                        "ts_ms",
                        "snapshot",
                        "db",
                        "sequence",
                        "ts_us",
                        "ts_ns",
                        "schema",
                        "table",
                        "txId",
                        "lsn",
                        "xmin");
        assertThat(s.get("version").asText()).isNotBlank();
        assertThat(s.get("connector").asText()).isEqualTo("postgresql");
        assertThat(s.get("name").asText()).isEqualTo("shopserver");
        assertThat(s.get("db").asText()).isEqualTo(db.name());
        assertThat(s.get("schema").asText()).isEqualTo("public");
        assertThat(s.get("table").asText()).isEqualTo("everything");
        assertThat(s.get("xmin").isNull()).isTrue();
        // The commit time (or read time) in ms, µs and ns since the epoch.
        assertThat(s.get("ts_ms").asLong()).isBetween(start - 60_000, now);
        assertThat(s.get("ts_us").asLong() / 1000).isEqualTo(s.get("ts_ms").asLong());
        assertThat(s.get("ts_ns").asLong() / 1000).isEqualTo(s.get("ts_us").asLong());
        assertThat(s.get("ts_ms").asLong()).isLessThanOrEqualTo(e.get("ts_ms").asLong());
        if (op.equals("r")) {
            assertThat(s.get("snapshot").asText()).isEqualTo("true");
            return;
        }
        assertThat(s.get("snapshot").asText()).isEqualTo("false");
        assertThat(s.get("txId").isIntegralNumber()).isTrue();
        assertThat(s.get("lsn").isIntegralNumber()).isTrue();
        long lsn = s.get("lsn").asLong();
        assertThat(lsn).isPositive();
        JsonNode sequence = readTree(s.get("sequence").asText());
        assertThat(sequence.isArray()).isTrue();
        assertThat(sequence.size()).isEqualTo(2);
        assertThat(sequence.get(1).asText()).isEqualTo(Long.toString(lsn));
        if (!sequence.get(0).isNull()) {
            assertThat(Long.parseLong(sequence.get(0).asText())).isLessThan(lsn);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("Not JSON: " + json, e);
        }
    }
}
