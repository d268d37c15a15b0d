package io.neoncdc.postgres.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

/**
 * {@link CaptureList} selects base and partitioned tables by full-match regular expressions and
 * refuses, with the reason, relations that write no logically decoded WAL.
 */
class CaptureListTest {
    private static final List<CatalogReader.Relation> RELATIONS =
            List.of(
                    relation("public", "orders", 'r', 'p'),
                    relation("public", "orders_2024", 'r', 'p'),
                    relation("public", "order_items", 'p', 'p'),
                    relation("public", "order_view", 'v', 'p'),
                    relation("public", "order_totals", 'm', 'p'),
                    relation("public", "order_remote", 'f', 'p'),
                    relation("public", "order_scratch", 'r', 'u'),
                    relation("pg_temp_3", "order_tmp", 'r', 't'),
                    relation("pg_catalog", "pg_class", 'r', 'p'),
                    relation("information_schema", "sql_features", 'r', 'p'),
                    relation("sales", "orders", 'r', 'p'));

    @Test
    void matchesWholeNamesOnly() {
        CaptureList list = new CaptureList("public", "orders");
        assertThat(list.matches(new TableId("public", "orders"))).isTrue();
        assertThat(list.matches(new TableId("public", "orders_2024"))).isFalse();
        assertThat(list.matches(new TableId("xpublic", "orders"))).isFalse();
        assertThat(new CaptureList("pub.*", "ord[a-z]+").matches(new TableId("public", "orders")))
                .isTrue();
        assertThat(new CaptureList("public", "ORDERS").matches(new TableId("public", "orders")))
                .isFalse();
    }

    @Test
    void regexSelectsBaseAndPartitionedTablesAndSkipsTheRest() {
        assertThat(ids(new CaptureList("public", "order.*").select(RELATIONS, "shop")))
                .containsExactly("public.orders", "public.orders_2024", "public.order_items");
        assertThat(ids(new CaptureList(".*", "orders").select(RELATIONS, "shop")))
                .containsExactly("public.orders", "sales.orders");
        assertThat(
                        ids(
                                new CaptureList("pg_temp_3|public", "order_(tmp|scratch|items)")
                                        .select(RELATIONS, "shop")))
                .containsExactly("public.order_items");
    }

    @Test
    void literalNamesOfUncapturableRelationsFailWithTheReason() {
        assertRejected("public", "order_view", "is a view");
        assertRejected("public", "order_totals", "materialized view");
        assertRejected("public", "order_remote", "foreign table");
        assertRejected("public", "order_scratch", "unlogged table");
        assertRejected(
                "public", "order_scratch", "ALTER TABLE \"public\".\"order_scratch\" SET LOGGED");
        assertRejected("pg_temp_3", "order_tmp", "temporary table");
        assertRejected("pg_catalog", "pg_class", "system catalog");
        assertRejected("information_schema", "sql_features", "system catalog");
    }

    @Test
    void noMatchNamesBothOptionsAndTheDatabase() {
        assertThatThrownBy(() -> new CaptureList("public", "nope.*").select(RELATIONS, "shop"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("database 'shop'")
                .hasMessageContaining("'schema-name' = 'public'")
                .hasMessageContaining("'table-name' = 'nope.*'");
        assertThatThrownBy(() -> new CaptureList("public", "order_vi.w").select(RELATIONS, "db2"))
                .as("only uncapturable relations match")
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("No table in database 'db2'");
    }

    @Test
    void survivesJavaSerialization() throws Exception {
        CaptureList list = InstantiationUtil.clone(new CaptureList("public", "o.*"));
        assertThat(list.matches(new TableId("public", "orders"))).isTrue();
        assertThat(list).hasToString("public.o.*");
    }

    @Test
    void explicitListMatchesExactNamesOnly() {
        CaptureList list =
                CaptureList.explicit(
                        List.of(
                                new TableId("sales", "orders"),
                                new TableId("public", "order.*"),
                                new TableId("public", "orders"),
                                new TableId("sales", "orders")));
        assertThat(list.isExplicit()).isTrue();
        assertThat(list.tables())
                .containsExactly(
                        new TableId("sales", "orders"),
                        new TableId("public", "order.*"),
                        new TableId("public", "orders"));
        assertThat(list.matches(new TableId("public", "orders"))).isTrue();
        assertThat(list.matches(new TableId("public", "orders_2024"))).isFalse();
        assertThat(list.matches(new TableId("sales", "order_items"))).isFalse();
        assertThat(new CaptureList("public", "o.*").isExplicit()).isFalse();
    }

    @Test
    void explicitListSelectsInListOrderAndNamesMissingTables() {
        CaptureList list =
                CaptureList.explicit(
                        List.of(new TableId("sales", "orders"), new TableId("public", "orders")));
        assertThat(ids(list.select(RELATIONS, "shop")))
                .containsExactly("sales.orders", "public.orders");
        assertThatThrownBy(
                        () ->
                                CaptureList.explicit(
                                                List.of(
                                                        new TableId("public", "orders"),
                                                        new TableId("public", "ORDERS"),
                                                        new TableId("public", "order.*")))
                                        .select(RELATIONS, "shop"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining(
                        "Table(s) public.ORDERS, public.order.* of the table list do not exist in"
                                + " database 'shop'")
                .hasMessageContaining("Similar relations: public.orders; sales.orders");
    }

    @Test
    void explicitListRejectsRelationsThatCannotBeCaptured() {
        CaptureList list =
                CaptureList.explicit(
                        List.of(
                                new TableId("public", "orders"),
                                new TableId("public", "order_view")));
        assertThatThrownBy(() -> list.select(RELATIONS, "shop"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Cannot capture public.order_view: it is a view");
        CaptureSelection s = list.classify(RELATIONS, "shop");
        assertThat(s.strict()).isTrue();
        assertThat(ids(s.selected())).containsExactly("public.orders");
        assertThat(s.rejected()).containsOnlyKeys(new TableId("public", "order_view"));
        assertThat(s.missing()).isNull();
        assertThat(s.empty()).isNull();
        assertThatThrownBy(() -> CaptureList.explicit(List.of()))
                .hasMessageContaining("table list is empty");
    }

    @Test
    void regexClassificationSkipsUncapturableMatchesWithoutFailing() {
        CaptureSelection s = new CaptureList("public", "order_.*").classify(RELATIONS, "shop");
        assertThat(s.strict()).isFalse();
        assertThat(ids(s.selected())).containsExactly("public.order_items");
        assertThat(s.rejected().keySet())
                .extracting(TableId::toString)
                .containsExactly(
                        "public.order_view",
                        "public.order_totals",
                        "public.order_remote",
                        "public.order_scratch");
    }

    @Test
    void explicitListSurvivesJavaSerialization() throws Exception {
        CaptureList list =
                InstantiationUtil.clone(
                        CaptureList.explicit(
                                List.of(new TableId("a.b", "c,d"), new TableId("public", "x"))));
        assertThat(list.matches(new TableId("a.b", "c,d"))).isTrue();
        assertThat(list.matches(new TableId("a", "b"))).isFalse();
        assertThat(list).hasToString("a.b.c,d, public.x");
    }

    private static void assertRejected(String schema, String table, String reason) {
        assertThatThrownBy(() -> new CaptureList(schema, table).select(RELATIONS, "shop"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Cannot capture " + schema + "." + table)
                .hasMessageContaining(reason);
    }

    private static CatalogReader.Relation relation(
            String schema, String table, char relkind, char persistence) {
        return new CatalogReader.Relation(
                1, new TableId(schema, table), relkind, persistence, 'd', 10, 1, false);
    }

    private static List<String> ids(List<CatalogReader.Relation> relations) {
        return relations.stream().map(r -> r.id.toString()).collect(Collectors.toList());
    }
}
