package io.neoncdc.jobs.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.deserializer.ChangeEventValue;
import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The routing example: each table's snapshot and changes reach its own stream, and only them. */
class MultiTableRoutingITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    @Test
    @Timeout(180)
    void everyTableGoesToItsOwnSink() throws Exception {
        TestDatabase db = PostgresTestServer.get().createDatabase("routing");
        db.execute(
                "CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL)",
                "CREATE TABLE orders (id int PRIMARY KEY, customer_id int, amount numeric(10,2))",
                "CREATE TABLE ignored (id int PRIMARY KEY)",
                "INSERT INTO customers VALUES (1, 'ann')",
                "INSERT INTO orders VALUES (10, 1, 9.99)",
                "INSERT INTO ignored VALUES (1)");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        Map<String, DataStream<ChangeEventValue>> routes =
                MultiTableRouting.route(
                        env, db.connectionOptions(), db.name(), List.of("customers", "orders"));
        assertThat(routes).containsOnlyKeys("customers", "orders");
        CloseableIterator<ChangeEventValue> customers = routes.get("customers").collectAsync();
        CloseableIterator<ChangeEventValue> orders = routes.get("orders").collectAsync();
        JobClient job = env.executeAsync("routing");
        try {
            List<String> c = new ArrayList<>(List.of(line(customers.next())));
            List<String> o = new ArrayList<>(List.of(line(orders.next())));
            db.execute(
                    "INSERT INTO orders VALUES (11, 1, 5.00)",
                    "UPDATE customers SET name = 'ann b' WHERE id = 1",
                    "INSERT INTO ignored VALUES (2)",
                    "DELETE FROM orders WHERE id = 10");
            c.add(line(customers.next()));
            o.add(line(orders.next()));
            o.add(line(orders.next()));
            assertThat(c)
                    .containsExactly(
                            "r shop.public.customers {id=1, name=ann}",
                            "u shop.public.customers {id=1, name=ann b}");
            assertThat(o)
                    .containsExactly(
                            "r shop.public.orders {id=10, customer_id=1, amount=9.99}",
                            "c shop.public.orders {id=11, customer_id=1, amount=5.00}",
                            "d shop.public.orders null");
        } finally {
            job.cancel().get();
            customers.close();
            orders.close();
        }
    }

    private static String line(ChangeEventValue v) {
        return v.op() + " " + v.topic() + " " + v.after();
    }
}
