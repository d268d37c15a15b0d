package io.neoncdc.jobs.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The starting content of the shop, generated inside PostgreSQL and large enough for the snapshot
 * to take a visible moment: one customer per ten orders, one to four items per order, and events
 * spread over the last three days (so every partition but the future one has rows).
 */
final class SeedData {
    static final String FIRST_NAMES =
            "ARRAY['Ada','Alan','Barbara','Claude','Donald','Edsger','Frances','Grace','Hedy',"
                    + "'John','Katherine','Linus','Margaret','Niklaus','Radia','Tim']";
    static final String LAST_NAMES =
            "ARRAY['Lovelace','Turing','Liskov','Shannon','Knuth','Dijkstra','Allen','Hopper',"
                + "'Lamarr','Backus','Johnson','Torvalds','Hamilton','Wirth','Perlman','Berners']";
    static final String TIERS = "ARRAY['bronze','silver','gold']";
    static final String TAGS = "ARRAY['newsletter','b2b','vip','returns','mobile','eu','us']";
    static final String SKUS = "ARRAY['kbd-01','mouse-02','cable-03','dock-04','ssd-05','cam-06']";

    private SeedData() {}

    static void insert(Connection c, int orders) throws SQLException {
        String s = ShopSchema.SCHEMA + ".";
        int customers = Math.max(10, orders / 10);
        try (Statement st = c.createStatement()) {
            st.execute(
                    "INSERT INTO "
                            + s
                            + "customers (id, name, email, tier, tags, external_id, created_at)"
                            + " SELECT i, f || ' ' || l, lower(f || '.' || l || i) ||"
                            + " '@example.com', ("
                            + TIERS
                            + ")[1 + i % 3], ARRAY[("
                            + TAGS
                            + ")[1 + i % 7], ("
                            + TAGS
                            + ")[1 + i % 5]], md5(i::text)::uuid, now() - i * interval '1 hour'"
                            + " FROM generate_series(1, "
                            + customers
                            + ") i, LATERAL (SELECT ("
                            + FIRST_NAMES
                            + ")[1 + i % 16] AS f, ("
                            + LAST_NAMES
                            + ")[1 + (i / 16) % 16] AS l) n");
            st.execute(
                    "INSERT INTO "
                            + s
                            + "orders (id, customer_id, status, total, placed_at, shipping) SELECT"
                            + " i, 1 + (i * 7919) % "
                            + customers
                            + ", (ARRAY['placed','paid','shipped','delivered'])[1 + i % 4], 0,"
                            + " now() - i * interval '1 minute', jsonb_build_object('city',"
                            + " (ARRAY['Berlin','Lisbon','Austin','Osaka'])[1 + i % 4],"
                            + " 'express', i % 5 = 0) FROM generate_series(1, "
                            + orders
                            + ") i");
            st.execute(
                    "INSERT INTO "
                            + s
                            + "order_items (order_id, line_no, sku, quantity, unit_price) SELECT"
                            + " o.id, n, ("
                            + SKUS
                            + ")[1 + (o.id + n) % 6], 1 + (o.id * n) % 3, round((5 + (o.id * 31"
                            + " + n * 17) % 200)::numeric + 0.99, 2) FROM "
                            + s
                            + "orders o, generate_series(1, 1 + o.id::int % 4) n");
            st.execute(
                    "UPDATE "
                            + s
                            + "orders o SET total = t.sum FROM (SELECT order_id, sum(quantity *"
                            + " unit_price) AS sum FROM "
                            + s
                            + "order_items GROUP BY order_id) t WHERE t.order_id = o.id");
            st.execute(
                    "INSERT INTO "
                            + s
                            + "events (id, occurred_at, customer_id, kind, payload, fingerprint)"
                            + " SELECT i, now() - (i % 4320) * interval '1 minute', 1 + i % "
                            + customers
                            + ", (ARRAY['page_view','cart_add','checkout'])[1 + i % 3],"
                            + " jsonb_build_object('session', i % 97, 'ms', i % 1000),"
                            + " decode(md5(i::text), 'hex') FROM generate_series(1, "
                            + orders
                            + ") i");
            for (String table : new String[] {"customers", "orders", "events"}) {
                st.execute(
                        "SELECT setval(pg_get_serial_sequence('"
                                + s
                                + table
                                + "', 'id'), (SELECT max(id) FROM "
                                + s
                                + table
                                + "))");
            }
            st.execute("ANALYZE " + s + "customers, " + s + "orders, " + s + "order_items");
        }
    }
}
