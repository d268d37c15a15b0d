package io.neoncdc.jobs.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The change backlogs the drain measures, written server-side on the drain table: single-row insert
 * transactions, single-row update transactions, and one large insert transaction.
 */
enum Workloads {
    INSERTS("single-row inserts"),
    UPDATES("single-row updates"),
    ONE_TRANSACTION("rows in one transaction");

    final String label;

    Workloads(String label) {
        this.label = label;
    }

    /** Writes {@code n} changes on keys {@code first…first+n-1}; returns the seconds taken. */
    double write(BenchServer server, long first, long n) throws SQLException {
        long start = System.nanoTime();
        try (Connection c = server.connect();
                Statement st = c.createStatement()) {
            DataSets.loadingSession(st);
            switch (this) {
                case INSERTS:
                    st.execute(
                            procedure(
                                    "INSERT INTO "
                                            + DataSets.DRAIN
                                            + " SELECT "
                                            + DataSets.narrowRow("g")));
                    break;
                case UPDATES:
                    st.execute(
                            procedure(
                                    "UPDATE "
                                            + DataSets.DRAIN
                                            + " SET qty = qty + 1, created = clock_timestamp()"
                                            + " WHERE id = g"));
                    break;
                default:
                    st.execute(
                            "INSERT INTO "
                                    + DataSets.DRAIN
                                    + " SELECT "
                                    + DataSets.narrowRow("g")
                                    + " FROM generate_series("
                                    + first
                                    + ", "
                                    + (first + n - 1)
                                    + ") g");
                    return (System.nanoTime() - start) / 1e9;
            }
            st.execute("CALL bench_each(" + first + ", " + n + ")");
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** A procedure that runs {@code body} (using the key {@code g}) and commits, key by key. */
    private static String procedure(String body) {
        return "CREATE OR REPLACE PROCEDURE bench_each(first bigint, n bigint)"
                + " LANGUAGE plpgsql AS $$ BEGIN"
                + " FOR g IN first .. first + n - 1 LOOP "
                + body
                + "; COMMIT; END LOOP; END $$";
    }
}
