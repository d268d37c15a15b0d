package io.neoncdc.postgres.setup;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.catalog.CatalogReader.Relation;
import io.neoncdc.postgres.catalog.TableId;
import java.lang.reflect.Constructor;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A capture list matching a partitioned root and its partitions keeps only the root. */
class PartitionCheckTest {

    private static Relation relation(int oid, String name, char kind, int root) throws Exception {
        Constructor<Relation> c =
                Relation.class.getDeclaredConstructor(
                        int.class,
                        TableId.class,
                        char.class,
                        char.class,
                        char.class,
                        long.class,
                        long.class,
                        boolean.class);
        c.setAccessible(true);
        Relation r =
                c.newInstance(oid, new TableId("public", name), kind, 'p', 'd', 0L, 0L, root != 0);
        r.root = root;
        return r;
    }

    @Test
    void keepsTheRootAndTablesOutsideItsTree() throws Exception {
        List<Relation> selected =
                List.of(
                        relation(1, "orders", 'p', 0),
                        relation(2, "orders_eu", 'p', 1),
                        relation(3, "orders_eu_low", 'r', 1),
                        relation(4, "orders_us", 'r', 1),
                        relation(5, "other", 'r', 0),
                        relation(6, "lone_leaf", 'r', 99));
        assertThat(
                        PartitionCheck.rootsOnly(selected).stream()
                                .map(r -> r.id.table())
                                .collect(Collectors.toList()))
                .containsExactly("orders", "other", "lone_leaf");
    }
}
