package io.neoncdc.jobs.demo;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One transaction of shop traffic at a time, on one connection: which orders and events exist is
 * loaded once and then tracked, so updates and deletes hit live rows.
 */
final class ShopTraffic {
    private static final String S = ShopSchema.SCHEMA + ".";
    private static final String[] STATUS = {"placed", "paid", "shipped", "delivered"};
    private static final String[] SKUS = {"kbd-01", "mouse-02", "cable-03", "dock-04", "ssd-05"};
    private static final String[] TIERS = {"bronze", "silver", "gold"};
    private static final String[] KINDS = {"page_view", "cart_add", "checkout"};

    private final Connection c;
    private final Random random = new Random();
    private final List<Long> orders;
    private final List<Long> events;
    private final long customers;

    private ShopTraffic(Connection c, List<Long> orders, List<Long> events, long customers) {
        this.c = c;
        this.orders = orders;
        this.events = events;
        this.customers = customers;
    }

    static ShopTraffic load(Connection c) throws SQLException {
        long customers = single(c, "SELECT coalesce(max(id), 1) FROM " + S + "customers");
        return new ShopTraffic(c, ids(c, "orders"), ids(c, "events"), customers);
    }

    /** Writes one transaction (not yet committed); returns the number of rows it changed. */
    int step() throws SQLException {
        int dice = random.nextInt(100);
        if (dice < 35 || orders.size() < 10) {
            return newOrder();
        } else if (dice < 60) {
            return update(
                    "UPDATE " + S + "orders SET status = ? WHERE id = ?",
                    STATUS[random.nextInt(STATUS.length)],
                    pick(orders));
        } else if (dice < 68) {
            long id = orders.remove(random.nextInt(orders.size()));
            return update("DELETE FROM " + S + "order_items WHERE order_id = ?", id)
                    + update("DELETE FROM " + S + "orders WHERE id = ?", id);
        } else if (dice < 75) {
            long id = pick(orders);
            int changed =
                    update(
                            "UPDATE "
                                    + S
                                    + "order_items SET quantity = quantity + 1"
                                    + " WHERE order_id = ? AND line_no = 1",
                            id);
            return changed
                    + update(
                            "UPDATE "
                                    + S
                                    + "orders o SET total = (SELECT sum(quantity *"
                                    + " unit_price) FROM "
                                    + S
                                    + "order_items WHERE order_id ="
                                    + " o.id) WHERE id = ?",
                            id);
        } else if (dice < 85) {
            return update(
                    "UPDATE "
                            + S
                            + "customers SET tier = ?, tags = array_append(tags[1:2], ?)"
                            + " WHERE id = ?",
                    TIERS[random.nextInt(TIERS.length)],
                    "seen-" + random.nextInt(100),
                    1 + (long) random.nextInt((int) customers));
        } else if (dice < 97 || events.size() < 10) {
            return newEvent();
        } else {
            long id = events.remove(random.nextInt(events.size()));
            return update("DELETE FROM " + S + "events WHERE id = ?", id);
        }
    }

    private int newOrder() throws SQLException {
        long customer = 1 + random.nextInt((int) customers);
        int lines = 1 + random.nextInt(4);
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal[] prices = new BigDecimal[lines];
        int[] quantities = new int[lines];
        for (int i = 0; i < lines; i++) {
            prices[i] = BigDecimal.valueOf(500 + random.nextInt(20_000), 2);
            quantities[i] = 1 + random.nextInt(3);
            total = total.add(prices[i].multiply(BigDecimal.valueOf(quantities[i])));
        }
        long id;
        try (PreparedStatement ps =
                c.prepareStatement(
                        "INSERT INTO "
                                + S
                                + "orders (customer_id, status, total, shipping)"
                                + " VALUES (?, 'placed', ?, jsonb_build_object('city', ?,"
                                + " 'express', ?)) RETURNING id")) {
            ps.setLong(1, customer);
            ps.setBigDecimal(2, total);
            ps.setString(3, random.nextBoolean() ? "Berlin" : "Osaka");
            ps.setBoolean(4, random.nextInt(5) == 0);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO " + S + "order_items VALUES (?, ?, ?, ?, ?)")) {
            for (int i = 0; i < lines; i++) {
                ps.setLong(1, id);
                ps.setInt(2, i + 1);
                ps.setString(3, SKUS[random.nextInt(SKUS.length)]);
                ps.setInt(4, quantities[i]);
                ps.setBigDecimal(5, prices[i]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        orders.add(id);
        return 1 + lines;
    }

    private int newEvent() throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "INSERT INTO "
                                + S
                                + "events (occurred_at, customer_id, kind, payload,"
                                + " fingerprint) VALUES (now(), ?, ?, jsonb_build_object('ms',"
                                + " ?::int), decode(md5(random()::text), 'hex')) RETURNING id")) {
            ps.setLong(1, 1 + random.nextInt((int) customers));
            ps.setString(2, KINDS[random.nextInt(KINDS.length)]);
            ps.setInt(3, random.nextInt(1000));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                events.add(rs.getLong(1));
            }
        }
        return 1;
    }

    private int update(String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        }
    }

    private long pick(List<Long> ids) {
        return ids.get(random.nextInt(ids.size()));
    }

    private static List<Long> ids(Connection c, String table) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT id FROM " + S + table)) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
