package io.neoncdc.postgres.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@link TableId} quotes identifiers and literals so no name or value is ever spliced raw. */
class TableIdTest {

    @Test
    void quotesIdentifiersDoublingEmbeddedQuotes() {
        assertThat(new TableId("public", "orders").quoted()).isEqualTo("\"public\".\"orders\"");
        assertThat(new TableId("public", "x; DROP TABLE y").quoted())
                .isEqualTo("\"public\".\"x; DROP TABLE y\"");
        assertThat(new TableId("my\"schema", "a\"\"b").quoted())
                .isEqualTo("\"my\"\"schema\".\"a\"\"\"\"b\"");
        assertThat(TableId.quote("Mixed Case.dot")).isEqualTo("\"Mixed Case.dot\"");
        assertThat(TableId.quote("")).isEqualTo("\"\"");
        assertThat(TableId.quote("t\u00e4ble \uD83D\uDE00"))
                .isEqualTo("\"t\u00e4ble \uD83D\uDE00\"");
    }

    @Test
    void quotesLiteralsDoublingSingleQuotes() {
        assertThat(TableId.literal("abc")).isEqualTo("'abc'");
        assertThat(TableId.literal("O'Brien")).isEqualTo("'O''Brien'");
        assertThat(TableId.literal("'; DROP TABLE y; --")).isEqualTo("'''; DROP TABLE y; --'");
        assertThat(TableId.literal("back\\slash"))
                .as("standard_conforming_strings")
                .isEqualTo("'back\\slash'");
        assertThat(TableId.literal("")).isEqualTo("''");
    }

    @Test
    void printsComparesAndEquals() {
        TableId a = new TableId("public", "orders");
        assertThat(a).hasToString("public.orders");
        assertThat(a)
                .isEqualTo(new TableId("public", "orders"))
                .hasSameHashCodeAs(new TableId("public", "orders"));
        assertThat(a).isNotEqualTo(new TableId("public", "Orders"));
        assertThat(new TableId("a.b", "c")).isNotEqualTo(new TableId("a", "b.c"));
        List<String> sorted =
                Stream.of(new TableId("s", "b"), new TableId("r", "z"), new TableId("s", "a"))
                        .sorted()
                        .map(TableId::toString)
                        .collect(Collectors.toList());
        assertThat(sorted).containsExactly("r.z", "s.a", "s.b");
    }

    @Test
    void rejectsNullNames() {
        assertThatThrownBy(() -> new TableId(null, "t")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new TableId("s", null)).isInstanceOf(NullPointerException.class);
    }
}
