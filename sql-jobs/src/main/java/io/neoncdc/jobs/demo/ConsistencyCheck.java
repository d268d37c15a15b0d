package io.neoncdc.jobs.demo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's proof of exactness: once the traffic has stopped and the stream has caught up, the
 * rows Flink has per table (snapshot rows + inserts − deletes) equal {@code count(*)} in
 * PostgreSQL, table by table.
 */
final class ConsistencyCheck {
    private final ConnectionSettings db;
    private final Board board;
    private final List<DemoTable> tables;

    ConsistencyCheck(ConnectionSettings db, Board board, List<DemoTable> tables) {
        this.db = db;
        this.board = board;
        this.tables = tables;
    }

    /**
     * Compares until all tables match or {@code waitMillis} has passed (the last changes may still
     * be on their way); returns the line to print.
     */
    String run(long waitMillis) throws SQLException, InterruptedException {
        long deadline = System.currentTimeMillis() + waitMillis;
        try (Connection c = db.connect()) {
            long[] expected = counts(c);
            while (true) {
                List<String> parts = new ArrayList<>();
                boolean all = true;
                for (int i = 0; i < tables.size(); i++) {
                    long seen = board.rows(tables.get(i).table);
                    all &= seen == expected[i];
                    parts.add(
                            String.format(
                                    "%s %,d%s",
                                    tables.get(i).table,
                                    seen,
                                    seen == expected[i]
                                            ? " ok"
                                            : String.format(" != %,d in PostgreSQL", expected[i])));
                }
                if (all || System.currentTimeMillis() > deadline) {
                    return (all
                                    ? "Exactly once: Flink's rows equal PostgreSQL's: "
                                    : "MISMATCH between Flink and PostgreSQL: ")
                            + String.join(", ", parts);
                }
                Thread.sleep(250);
            }
        }
    }

    private long[] counts(Connection c) throws SQLException {
        long[] counts = new long[tables.size()];
        try (Statement st = c.createStatement()) {
            for (int i = 0; i < tables.size(); i++) {
                String sql =
                        "SELECT count(*) FROM " + ShopSchema.SCHEMA + "." + tables.get(i).table;
                try (ResultSet rs = st.executeQuery(sql)) {
                    rs.next();
                    counts[i] = rs.getLong(1);
                }
            }
        }
        return counts;
    }
}
