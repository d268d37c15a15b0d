package io.neoncdc.postgres.failover;

import io.neoncdc.postgres.testutil.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One writer thread per table {@code (id bigint PK, a int, b text, c bigint)}: transactions of 1–4
 * random inserts, updates, key moves and deletes, one in eight rolled back on purpose.
 */
final class MixedWriter implements AutoCloseable {
    private final TestDatabase db;
    private final int keySpace;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong commits = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private final List<Throwable> errors = new ArrayList<>();

    MixedWriter(TestDatabase db, int keySpace) {
        this.db = db;
        this.keySpace = keySpace;
    }

    MixedWriter start(long seed, String... tables) {
        for (int i = 0; i < tables.length; i++) {
            String table = tables[i];
            Random random = new Random(seed + i);
            Thread t = new Thread(() -> run(table, random), "mixed-writer-" + table);
            t.start();
            threads.add(t);
        }
        return this;
    }

    long commits() {
        return commits.get();
    }

    private void run(String table, Random random) {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            PreparedStatement insert =
                    c.prepareStatement(
                            "INSERT INTO " + table + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING");
            PreparedStatement update =
                    c.prepareStatement(
                            "UPDATE " + table + " SET a = a + 1, b = ?, c = c + ? WHERE id = ?");
            PreparedStatement move =
                    c.prepareStatement("UPDATE " + table + " SET id = ? WHERE id = ?");
            PreparedStatement delete = c.prepareStatement("DELETE FROM " + table + " WHERE id = ?");
            while (!stop.get()) {
                int ops = 1 + random.nextInt(4);
                try {
                    for (int i = 0; i < ops; i++) {
                        long id = random.nextInt(keySpace);
                        switch (random.nextInt(4)) {
                            case 0:
                                insert.setLong(1, id);
                                insert.setInt(2, random.nextInt(1000));
                                insert.setString(3, "ins" + random.nextInt(100));
                                insert.setLong(4, random.nextLong());
                                insert.executeUpdate();
                                break;
                            case 1:
                                update.setString(1, "upd" + random.nextInt(100));
                                update.setLong(2, random.nextInt(10));
                                update.setLong(3, id);
                                update.executeUpdate();
                                break;
                            case 2:
                                move.setLong(1, random.nextInt(keySpace));
                                move.setLong(2, id);
                                move.executeUpdate();
                                break;
                            default:
                                delete.setLong(1, id);
                                delete.executeUpdate();
                        }
                    }
                    if (random.nextInt(10) == 0) {
                        Thread.sleep(50 + random.nextInt(200)); // a long-running transaction
                    }
                    if (random.nextInt(8) == 0) {
                        c.rollback(); // never in the stream, never in a chunk
                    } else {
                        c.commit();
                        commits.incrementAndGet();
                    }
                } catch (SQLException e) {
                    c.rollback(); // a key move onto an existing key
                }
            }
        } catch (Throwable e) {
            synchronized (errors) {
                errors.add(e);
            }
        }
    }

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
