package io.neoncdc.jobs.examples;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An embedded PostgreSQL ({@code wal_level = logical}) with a {@code customers} and an {@code
 * orders} table for the examples, and a writer that changes both every second.
 */
final class ExampleServer implements AutoCloseable {
    private final EmbeddedPostgres postgres;
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();

    private ExampleServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static ExampleServer start() throws IOException, SQLException {
        EmbeddedPostgres postgres =
                EmbeddedPostgres.builder()
                        .setServerConfig("wal_level", "logical")
                        .setServerConfig("max_replication_slots", "4")
                        .setServerConfig("max_wal_senders", "4")
                        .setPGStartupWait(Duration.ofSeconds(60))
                        .start();
        ExampleServer server = new ExampleServer(postgres);
        server.run(
                "CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL)",
                "CREATE TABLE orders (id serial PRIMARY KEY, customer_id int, amount"
                        + " numeric(10,2))",
                "INSERT INTO customers VALUES (1, 'ann'), (2, 'bob')",
                "INSERT INTO orders (customer_id, amount) VALUES (1, 9.99), (2, 20.00)");
        return server;
    }

    /** The connection options of the {@code neon-postgres-cdc} source. */
    Map<String, String> options() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("hostname", "localhost");
        options.put("port", String.valueOf(postgres.getPort()));
        options.put("username", "postgres");
        options.put("password", "postgres");
        options.put("database-name", "postgres");
        options.put("ssl.mode", "disable");
        return options;
    }

    /** Every second: a new order, and a customer renamed. */
    void startWrites() {
        AtomicInteger n = new AtomicInteger();
        writer.scheduleAtFixedRate(
                () -> {
                    int i = n.incrementAndGet();
                    try {
                        run(
                                "INSERT INTO orders (customer_id, amount) VALUES (1, " + i + ")",
                                "UPDATE customers SET name = 'ann " + i + "' WHERE id = 1");
                    } catch (SQLException e) {
                        System.err.println("Example writer: " + e.getMessage());
                    }
                },
                1,
                1,
                TimeUnit.SECONDS);
    }

    private void run(String... statements) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    @Override
    public void close() throws IOException {
        writer.shutdownNow();
        postgres.close();
    }
}
