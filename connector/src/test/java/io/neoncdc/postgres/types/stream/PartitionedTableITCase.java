package io.neoncdc.postgres.types.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A partitioned table captured through its root: the snapshot reads each row once, and changes of
 * every leaf (sub-partitions and partitions attached while streaming too) arrive as the root.
 */
@Timeout(180)
class PartitionedTableITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static TestDatabase db;

    @BeforeAll
    static void setUp() {
        db = PostgresTestServer.get().createDatabase("partitions");
        db.execute(
                "CREATE TABLE orders (id int, region text, amount int, PRIMARY KEY (id, region))"
                        + " PARTITION BY LIST (region)",
                "CREATE TABLE orders_eu PARTITION OF orders FOR VALUES IN ('eu')"
                        + " PARTITION BY RANGE (id)",
                "CREATE TABLE orders_eu_low PARTITION OF orders_eu FOR VALUES FROM (0) TO (1000)",
                "CREATE TABLE orders_eu_high PARTITION OF orders_eu"
                        + " FOR VALUES FROM (1000) TO (MAXVALUE)",
                "CREATE TABLE orders_us PARTITION OF orders FOR VALUES IN ('us')",
                "CREATE TABLE keyless (id int, v text) PARTITION BY RANGE (id)",
                "CREATE TABLE keyless_small PARTITION OF keyless FOR VALUES FROM (0) TO (100)",
                "CREATE TABLE keyless_big PARTITION OF keyless FOR VALUES FROM (100) TO (MAXVALUE)",
                "CREATE PUBLICATION neon_cdc_pub FOR TABLE orders, keyless"
                        + " WITH (publish_via_partition_root = true)",
                "CREATE PUBLICATION leaves_pub FOR TABLE orders",
                "INSERT INTO orders SELECT g, CASE WHEN g % 2 = 0 THEN 'eu' ELSE 'us' END, g"
                        + " FROM generate_series(1, 2000) g",
                "INSERT INTO keyless SELECT g, repeat('x', 200) FROM generate_series(1, 3000) g");
        for (String leaf : new String[] {"orders_eu_low", "orders_eu_high", "orders_us"}) {
            db.execute("ALTER TABLE " + leaf + " REPLICA IDENTITY FULL");
        }
        db.execute(
                "ALTER TABLE keyless_small REPLICA IDENTITY FULL",
                "ALTER TABLE keyless_big REPLICA IDENTITY FULL",
                "ANALYZE");
    }

    @Test
    void rootCapturedOnceWithAllLeavesIncludingOnesAttachedWhileStreaming() throws Exception {
        String ddl =
                "CREATE TABLE t (id INT, region STRING, amount INT,"
                        + " tbl STRING METADATA FROM 'table_name' VIRTUAL) "
                        + db.withClause(
                                "orders.*",
                                "slot.name",
                                "orders",
                                "scan.snapshot.chunk.size",
                                "300");
        List<String> rows =
                new SqlChanges(ddl)
                        .collect(
                                "SELECT * FROM t",
                                r -> r.startsWith("+I[2000,"),
                                () ->
                                        db.execute(
                                                "INSERT INTO orders VALUES (5000, 'eu', 1),"
                                                        + " (5001, 'us', 1), (3000, 'eu', 10)",
                                                "UPDATE orders SET amount = 0 WHERE id = 4",
                                                "UPDATE orders SET region = 'us' WHERE id = 6",
                                                "CREATE TABLE orders_apac (LIKE orders)",
                                                "ALTER TABLE orders_apac REPLICA IDENTITY FULL",
                                                "ALTER TABLE orders ATTACH PARTITION orders_apac"
                                                        + " FOR VALUES IN ('apac')",
                                                "INSERT INTO orders VALUES (7000, 'apac', 7)",
                                                "DELETE FROM orders WHERE id = 8"),
                                r -> r.startsWith("-D[8,"));
        assertThat(rows).allMatch(r -> r.endsWith(", orders]"), "every row is the root's");
        assertThat(rows.stream().filter(r -> r.startsWith("+I")).count())
                .as("2000 snapshot rows once each, plus 4 inserts and the moved row")
                .isEqualTo(2000 + 4 + 1);
        assertThat(materialize(rows))
                .isEqualTo(
                        materialize(
                                db.queryRows(
                                        "SELECT '+I[' || id || ', ' || region || ', ' || amount"
                                                + " || ', orders]' FROM orders")));
    }

    @Test
    void keylessRootIsChunkedOverItsLeavesPages() throws Exception {
        String ddl =
                "CREATE TABLE t (id INT, v STRING) "
                        + db.withClause(
                                "keyless",
                                "slot.name",
                                "keyless",
                                "scan.startup.mode",
                                "snapshot",
                                "scan.snapshot.chunk.size",
                                "500");
        List<String> rows = new SqlChanges(ddl).all("SELECT id FROM t");
        assertThat(rows).hasSize(3000).doesNotHaveDuplicates();
    }

    @Test
    void aPublicationNotPublishingViaTheRootFails() throws Exception {
        Assumptions.assumeTrue(PostgresTestServer.get().serverVersionNum() >= 130000);
        String ddl =
                "CREATE TABLE t (id INT, region STRING, amount INT) "
                        + db.withClause(
                                "orders", "slot.name", "leaves", "publication.name", "leaves_pub");
        assertThat(
                        SqlChanges.messages(
                                new SqlChanges(ddl)
                                        .failure("SELECT * FROM t", r -> true, () -> {})))
                .contains("Publication 'leaves_pub' does not publish via the partition root")
                .contains(
                        "ALTER PUBLICATION \"leaves_pub\" SET (publish_via_partition_root ="
                                + " true);");
    }

    @Test
    void aPartitionWithoutItsRootFailsWhenPublishedViaTheRoot() throws Exception {
        String ddl =
                "CREATE TABLE t (id INT, region STRING, amount INT) "
                        + db.withClause("orders_us", "slot.name", "lone_leaf");
        assertThat(
                        SqlChanges.messages(
                                new SqlChanges(ddl)
                                        .failure("SELECT * FROM t", r -> true, () -> {})))
                .contains(
                        "Partition(s) public.orders_us are captured without their partitioned root")
                .contains("Capture the root table instead");
    }

    /** Applies a retract changelog by key (id, region). */
    private static Map<String, String> materialize(List<String> rows) {
        Map<String, String> table = new TreeMap<>();
        for (String r : rows) {
            String body = r.substring(3, r.length() - 1);
            String[] f = body.split(", ");
            String key = f[0] + "|" + f[1];
            if (r.startsWith("+I") || r.startsWith("+U")) {
                table.put(key, body);
            } else {
                table.remove(key);
            }
        }
        return table;
    }
}
