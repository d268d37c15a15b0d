package io.neoncdc.postgres.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A Flink SQL job over neon-postgres-cdc sees the exact retract stream of committed changes. */
class StreamingSqlITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static TestDatabase db;

    @BeforeAll
    static void setUp() {
        db = PostgresTestServer.get().createDatabase("streaming_sql");
        db.execute(
                "CREATE TABLE orders (id bigint PRIMARY KEY, customer text NOT NULL,"
                        + " amount numeric(12,2), paid boolean, created timestamptz,"
                        + " note varchar(40))",
                "ALTER TABLE orders REPLICA IDENTITY FULL",
                "CREATE PUBLICATION neon_cdc_pub FOR TABLE orders");
    }

    @Test
    @Timeout(120)
    void emitsExactRetractStreamForInsertsUpdatesDeletesAndTransactions() throws Exception {
        db.createSlot("sql_slot");
        StreamTableEnvironment tEnv =
                StreamTableEnvironment.create(
                        StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(1));
        tEnv.executeSql(
                "CREATE TABLE orders (id BIGINT, customer STRING, amount DECIMAL(12, 2),"
                        + " paid BOOLEAN, created TIMESTAMP_LTZ(6), note STRING,"
                        + " op STRING METADATA FROM 'op' VIRTUAL,"
                        + " tbl STRING METADATA FROM 'table_name' VIRTUAL) "
                        + db.withClause(
                                "orders",
                                "slot.name",
                                "sql_slot",
                                "scan.startup.mode",
                                "committed-offset"));
        db.execute(
                "INSERT INTO orders VALUES (1, 'ann', 10.50, false, '2024-01-02"
                        + " 03:04:05.123456+00', 'first')",
                "INSERT INTO orders VALUES (2, 'bob', 20.00, true, NULL, NULL)",
                "UPDATE orders SET amount = 11.00, paid = true WHERE id = 1",
                "DELETE FROM orders WHERE id = 2");
        db.executeInTransaction(
                "INSERT INTO orders VALUES (3, 'cy', 1.00, false, NULL, 'tx')",
                "UPDATE orders SET note = 'tx2' WHERE id = 3",
                "UPDATE orders SET id = 4 WHERE id = 3");
        try (var c = db.connect()) {
            c.setAutoCommit(false);
            c.createStatement()
                    .execute("INSERT INTO orders VALUES (99, 'rolled back', 0, false, NULL, NULL)");
            c.rollback();
        }
        db.execute("INSERT INTO orders VALUES (100, 'sentinel', 0, false, NULL, NULL)");

        TableResult result = tEnv.executeSql("SELECT * FROM orders");
        List<String> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = result.collect()) {
            while (rows.size() < 11) {
                rows.add(it.next().toString());
            }
            // Nothing else may follow: the next row must be the next sentinel.
            db.execute("INSERT INTO orders VALUES (101, 'sentinel', 0, false, NULL, NULL)");
            rows.add(it.next().toString());
            result.getJobClient().get().cancel();
        }
        assertThat(rows)
                .containsExactly(
                        "+I[1, ann, 10.50, false, 2024-01-02T03:04:05.123456Z, first, c, orders]",
                        "+I[2, bob, 20.00, true, null, null, c, orders]",
                        "-U[1, ann, 10.50, false, 2024-01-02T03:04:05.123456Z, first, u, orders]",
                        "+U[1, ann, 11.00, true, 2024-01-02T03:04:05.123456Z, first, u, orders]",
                        "-D[2, bob, 20.00, true, null, null, d, orders]",
                        "+I[3, cy, 1.00, false, null, tx, c, orders]",
                        "-U[3, cy, 1.00, false, null, tx, u, orders]",
                        "+U[3, cy, 1.00, false, null, tx2, u, orders]",
                        "-U[3, cy, 1.00, false, null, tx2, u, orders]",
                        "+U[4, cy, 1.00, false, null, tx2, u, orders]",
                        "+I[100, sentinel, 0.00, false, null, null, c, orders]",
                        "+I[101, sentinel, 0.00, false, null, null, c, orders]");
    }
}
