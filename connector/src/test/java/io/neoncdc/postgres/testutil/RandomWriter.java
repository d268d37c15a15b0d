package io.neoncdc.postgres.testutil;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Concurrent writers for consistency tests: several threads run multi-statement transactions of
 * random inserts, updates (including primary-key changes that move rows between chunks) and deletes
 * on a table {@code (key..., v int, s text)}; some transactions stay open for a while.
 */
public final class RandomWriter implements AutoCloseable {
    private final TestDatabase db;
    private final String table;
    private final String[] keyColumns;
    private final IntFunction<Object[]> keyOf;
    private final int keySpace;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong commits = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private final List<Throwable> errors = new ArrayList<>();

    /**
     * @param keyOf maps a number in {@code [0, keySpace)} to the values of the key columns
     */
    public RandomWriter(
            TestDatabase db,
            String table,
            String[] keyColumns,
            IntFunction<Object[]> keyOf,
            int keySpace) {
        this.db = db;
        this.table = table;
        this.keyColumns = keyColumns;
        this.keyOf = keyOf;
        this.keySpace = keySpace;
    }

    /** Writers on a table keyed by {@code id bigint}, over the ids [0, keySpace). */
    public static RandomWriter onIds(TestDatabase db, String table, int keySpace) {
        return new RandomWriter(
                db, table, new String[] {"id"}, n -> new Object[] {(long) n}, keySpace);
    }

    public RandomWriter start(int writers, long seed) {
        for (int i = 0; i < writers; i++) {
            Random random = new Random(seed + i);
            Thread t = new Thread(() -> run(random), "random-writer-" + i);
            t.start();
            threads.add(t);
        }
        return this;
    }

    public long commits() {
        return commits.get();
    }

    /** Lets the writers commit {@code more} transactions (waiting at most {@code timeout}). */
    public void awaitMoreCommits(long more, java.time.Duration timeout)
            throws InterruptedException {
        long target = commits.get() + more;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (commits.get() < target && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private void run(Random random) {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            String t = TestDatabaseNames.quote(table);
            String cols = String.join(", ", quoted());
            String where = String.join(" AND ", assignments());
            String set = String.join(", ", assignments());
            String marks = "?" + ", ?".repeat(keyColumns.length - 1);
            PreparedStatement insert =
                    c.prepareStatement(
                            "INSERT INTO "
                                    + t
                                    + " ("
                                    + cols
                                    + ", v, s) VALUES ("
                                    + marks
                                    + ", ?, ?) ON CONFLICT DO NOTHING");
            PreparedStatement update =
                    c.prepareStatement("UPDATE " + t + " SET v = v + 1, s = ? WHERE " + where);
            PreparedStatement move =
                    c.prepareStatement("UPDATE " + t + " SET " + set + " WHERE " + where);
            PreparedStatement delete = c.prepareStatement("DELETE FROM " + t + " WHERE " + where);
            int n = keyColumns.length;
            while (!stop.get()) {
                int ops = 1 + random.nextInt(4);
                try {
                    for (int i = 0; i < ops; i++) {
                        Object[] key = keyOf.apply(random.nextInt(keySpace));
                        switch (random.nextInt(4)) {
                            case 0:
                                set(insert, 1, key);
                                insert.setInt(n + 1, random.nextInt(1000));
                                insert.setString(n + 2, "ins" + random.nextInt(100));
                                insert.executeUpdate();
                                break;
                            case 1:
                                update.setString(1, "upd" + random.nextInt(100));
                                set(update, 2, key);
                                update.executeUpdate();
                                break;
                            case 2:
                                set(move, 1, keyOf.apply(random.nextInt(keySpace)));
                                set(move, n + 1, key);
                                move.executeUpdate();
                                break;
                            default:
                                set(delete, 1, key);
                                delete.executeUpdate();
                        }
                    }
                    if (random.nextInt(10) == 0) {
                        Thread.sleep(100 + random.nextInt(300)); // a long-running transaction
                    }
                    c.commit();
                    commits.incrementAndGet();
                } catch (SQLException e) {
                    // unique violations of key moves, deadlocks: this transaction is discarded
                    c.rollback();
                }
            }
        } catch (Throwable e) {
            synchronized (errors) {
                errors.add(e);
            }
        }
    }

    private static void set(PreparedStatement ps, int first, Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            ps.setObject(first + i, values[i]);
        }
    }

    private List<String> quoted() {
        List<String> q = new ArrayList<>();
        for (String k : keyColumns) {
            q.add(TestDatabaseNames.quote(k));
        }
        return q;
    }

    private List<String> assignments() {
        List<String> q = new ArrayList<>();
        for (String k : keyColumns) {
            q.add(TestDatabaseNames.quote(k) + " = ?");
        }
        return q;
    }

    /** Stops the writers and waits for them; fails if one died of something unexpected. */
    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        synchronized (errors) {
            if (!errors.isEmpty()) {
                throw new IllegalStateException("A writer failed", errors.get(0));
            }
        }
    }
}
