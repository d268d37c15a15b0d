package io.neoncdc.jobs.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The bench's tables: the narrow snapshot table (bigint key, int, numeric(12,2), ~10-char text,
 * timestamptz, ~100 B jsonb), a 30-column wide table, the drain table (narrow shape) and the
 * latency table. All are REPLICA IDENTITY FULL, as the default changelog mode needs.
 */
final class DataSets {
    static final String PUBLICATION = "bench_pub";
    static final String NARROW = "bench_narrow";
    static final String WIDE = "bench_wide";
    static final String DRAIN = "bench_drain";
    static final String LATENCY = "bench_latency";

    static final String NARROW_COLUMNS =
            "id bigint PRIMARY KEY, qty int NOT NULL, price numeric(12,2), name text,"
                    + " created timestamptz, doc jsonb";

    private DataSets() {}

    /** The narrow row for key {@code g}: {@code %1$s} is the key expression. */
    static String narrowRow(String g) {
        return String.format(
                "%1$s, (%1$s * 7) %% 100000, ((%1$s %% 100000) * 1.37)::numeric(12,2),"
                        + " substr(md5(%1$s::text), 1, 10),"
                        + " timestamptz '2024-01-01 00:00:00+00' + %1$s * interval '1 second',"
                        + " jsonb_build_object('sku', 'sku-' || (%1$s %% 5000), 'tags',"
                        + " jsonb_build_array('new', 'blue'), 'score', %1$s %% 977, 'note',"
                        + " substr(md5((%1$s + 1)::text), 1, 24))",
                g);
    }

    static void createAll(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + NARROW + " (" + NARROW_COLUMNS + ")");
            st.execute("CREATE TABLE " + DRAIN + " (" + NARROW_COLUMNS + ")");
            st.execute(WideTable.DDL);
            st.execute(
                    "CREATE TABLE "
                            + LATENCY
                            + " (id bigint PRIMARY KEY, written_at timestamptz NOT NULL,"
                            + " writer int, payload text)");
            for (String t : new String[] {NARROW, DRAIN, WideTable.NAME, LATENCY}) {
                st.execute("ALTER TABLE " + t + " REPLICA IDENTITY FULL");
            }
            st.execute(
                    "CREATE PUBLICATION "
                            + PUBLICATION
                            + " FOR TABLE "
                            + String.join(", ", NARROW, DRAIN, WideTable.NAME, LATENCY));
        }
    }

    /** Fills the snapshot tables in one statement each, then VACUUM (FREEZE, ANALYZE). */
    static void fillSnapshotTables(Connection c, int narrowRows, int wideRows) throws SQLException {
        try (Statement st = c.createStatement()) {
            loadingSession(st);
            st.execute(
                    "INSERT INTO "
                            + NARROW
                            + " SELECT "
                            + narrowRow("g")
                            + " FROM generate_series(1, "
                            + narrowRows
                            + ") g");
            st.execute(
                    "INSERT INTO "
                            + WideTable.NAME
                            + " SELECT "
                            + WideTable.ROW
                            + " FROM generate_series(1, "
                            + wideRows
                            + ") g");
            // Hint bits and the visibility map are set now, not by the first measured read.
            st.execute("VACUUM (FREEZE, ANALYZE) " + NARROW);
            st.execute("VACUUM (FREEZE, ANALYZE) " + WideTable.NAME);
        }
    }

    /**
     * Writes dirty buffers out before a part starts, so a checkpoint of the previous part's writes
     * does not land in its measurement (ignored where the role may not checkpoint).
     */
    static void checkpoint(BenchServer server) {
        try (Connection c = server.connect();
                Statement st = c.createStatement()) {
            st.execute("CHECKPOINT");
        } catch (SQLException e) {
            // e.g. not allowed on a managed server: the part runs anyway
        }
    }

    /** Sets the table's REPLICA IDENTITY to FULL or DEFAULT (a catalog change, no rewrite). */
    static void replicaIdentity(BenchServer server, String table, boolean full)
            throws SQLException {
        try (Connection c = server.connect();
                Statement st = c.createStatement()) {
            st.execute("ALTER TABLE " + table + " REPLICA IDENTITY " + (full ? "FULL" : "DEFAULT"));
        }
    }

    /** Loading only: no figure times these commits, and the WAL they write is the same. */
    static void loadingSession(Statement st) throws SQLException {
        st.execute("SET synchronous_commit = off");
    }

    /** Size facts of a table: rows, average row and jsonb widths, relation size. */
    static String describe(Connection c, String table, String jsonColumn) throws SQLException {
        try (Statement st = c.createStatement();
                java.sql.ResultSet rs =
                        st.executeQuery(
                                "SELECT count(*), avg(pg_column_size(t.*))::int, "
                                        + (jsonColumn == null
                                                ? "0"
                                                : "avg(pg_column_size(" + jsonColumn + "))::int")
                                        + ", pg_size_pretty(pg_total_relation_size('"
                                        + table
                                        + "')) FROM "
                                        + table
                                        + " t")) {
            rs.next();
            return String.format(
                    "%s: %,d rows, ~%d B/row%s, %s",
                    table,
                    rs.getLong(1),
                    rs.getInt(2),
                    jsonColumn == null ? "" : " (jsonb ~" + rs.getInt(3) + " B)",
                    rs.getString(4));
        }
    }
}
