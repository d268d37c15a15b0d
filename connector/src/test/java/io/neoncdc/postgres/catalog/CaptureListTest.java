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
