package io.neoncdc.postgres.reader.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.neoncdc.postgres.catalog.TableId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Signal} reads Debezium-shaped signal rows and names the signal in every complaint. */
class SignalTest {
    private static final TableId ORDERS = new TableId("public", "orders");

    @Test
    void executeSnapshotWithConditions() {
        Signal s =
                Signal.parse(
                        "s1",
                        "execute-snapshot",
                        "{\"data-collections\": [\"public.orders\", \"sales.items\","
                                + " \"public.orders\"],"
                                + " \"type\": \"incremental\", \"additional-conditions\":"
                                + " [{\"data-collection\": \"public.orders\", \"filter\": \"id >"
                                + " 10\"}]}");
        assertThat(s.isExecute()).isTrue();
        assertThat(s.tables).containsExactly(ORDERS, new TableId("sales", "items"));
        assertThat(s.conditions).isEqualTo(Map.of(ORDERS, "id > 10"));
    }

    @Test
    void stopSnapshotWithoutTablesStopsEverything() {
        Signal s = Signal.parse("s2", "stop-snapshot", null);
        assertThat(s.isExecute()).isFalse();
        assertThat(s.tables).isNull();
        assertThat(
                        Signal.parse(
                                        "s3",
                                        "stop-snapshot",
                                        "{\"data-collections\": [\"public.orders\"]}")
                                .tables)
                .isEqualTo(List.of(ORDERS));
    }

    @Test
    void badSignalsSayWhy() {
        assertThatThrownBy(() -> Signal.parse("a", "pause-snapshot", "{}"))
                .hasMessageContaining("Signal 'a'")
                .hasMessageContaining("unknown type 'pause-snapshot'");
        assertThatThrownBy(() -> Signal.parse("b", "execute-snapshot", "{not json"))
                .hasMessageContaining("Signal 'b'")
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> Signal.parse("c", "execute-snapshot", "{}"))
                .hasMessageContaining("needs \"data-collections\"");
        assertThatThrownBy(
                        () ->
                                Signal.parse(
                                        "d",
                                        "execute-snapshot",
                                        "{\"data-collections\": [\"public.orders\"], \"type\":"
                                                + " \"blocking\"}"))
                .hasMessageContaining("only incremental");
        assertThatThrownBy(
                        () ->
                                Signal.parse(
                                        "e",
                                        "execute-snapshot",
                                        "{\"data-collections\": [\"public.orders\"],"
                                                + " \"additional-conditions\":"
                                                + " [{\"data-collection\": \"public.other\","
                                                + " \"filter\": \"x\"}]}"))
                .hasMessageContaining("listed in \"data-collections\"");
        assertThatThrownBy(
                        () ->
                                Signal.parse(
                                        "f",
                                        "execute-snapshot",
                                        "{\"data-collections\": [\"no_schema\"]}"))
                .hasMessageContaining("'no_schema' is not schema.table");
    }
}
