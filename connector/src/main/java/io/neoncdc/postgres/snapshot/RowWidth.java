package io.neoncdc.postgres.snapshot;

import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.catalog.TableInfo;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Estimates how many bytes one row of a table takes once read, TOASTed values included: the largest
 * of the main heap's bytes per row, the table's size with its TOAST table per row ({@code
 * pg_table_size}, compressed), and the text width of a small sample of rows (values decompressed,
 * as a chunk holds them). The heap alone makes a table of 100 kB documents look 30 bytes wide.
 */
final class RowWidth {
    /** Rows in the sample: enough for a mean, few enough to read in milliseconds. */
    static final int SAMPLE_ROWS = 100;

    /** About this many pages are sampled (TABLESAMPLE SYSTEM picks whole pages). */
    private static final double SAMPLE_PAGES = 20;

    private RowWidth() {}

    /** Bytes per row, or 0 when the table looks empty (never analyzed and no row sampled). */
    static long estimate(Connection c, TableInfo table) throws SQLException {
        long rows = table.estimatedRows();
        long width = 0;
        if (rows > 0 && table.pages() > 0) {
            width = table.pages() * 8192L / rows;
            width = Math.max(width, tableBytes(c, table) / rows);
        }
        return Math.max(width, sampled(c, table));
    }

    /** Heap, TOAST, free space and visibility maps of the table (of its leaves if partitioned). */
    private static long tableBytes(Connection c, TableInfo table) throws SQLException {
        String relations =
                table.isPartitioned()
                        ? table.leaves().stream()
                                .map(l -> Integer.toUnsignedString(l.oid()))
                                .collect(Collectors.joining(","))
                        : Integer.toUnsignedString(table.oid());
        if (relations.isEmpty()) {
            return 0;
        }
        try (Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery(
                                "SELECT coalesce(sum(pg_table_size(r::oid::regclass)), 0)"
                                        + " FROM unnest('{"
                                        + relations
                                        + "}'::bigint[]) AS r")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * The mean text width of up to {@link #SAMPLE_ROWS} rows from about {@link #SAMPLE_PAGES}
     * random pages (the first rows if the table was never analyzed): the text of each value read is
     * detoasted and decompressed, which is what a chunk holds in memory.
     */
    private static long sampled(Connection c, TableInfo table) throws SQLException {
        // A partitioned table is read as it comes (no sampling of a partitioned table before 14).
        double percent =
                table.pages() > 0 && !table.isPartitioned()
                        ? Math.min(100, 100 * SAMPLE_PAGES / table.pages())
                        : 100;
        String sample =
                percent >= 100
                        ? ""
                        : String.format(
                                Locale.ROOT, " TABLESAMPLE SYSTEM (%.6f) REPEATABLE (13)", percent);
        if (table.columns().isEmpty()) {
            return 0;
        }
        // The columns the chunks read (a publication's column list may leave some out).
        String width =
                table.columns().stream()
                        .map(
                                col ->
                                        "coalesce(octet_length("
                                                + TableId.quote(col.name())
                                                + "::text), 0)")
                        .collect(Collectors.joining(" + "));
        String sql =
                "SELECT avg(w)::bigint FROM (SELECT "
                        + width
                        + " AS w FROM "
                        + (table.isPartitioned() ? "" : "ONLY ")
                        + table.id().quoted()
                        + sample
                        + " LIMIT "
                        + SAMPLE_ROWS
                        + ") s";
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1); // 0 when nothing was sampled
        }
    }
}
