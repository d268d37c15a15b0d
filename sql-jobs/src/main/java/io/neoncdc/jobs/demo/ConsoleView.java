package io.neoncdc.jobs.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * Lays out one frame of the live view from the board, as text for {@link Screen}: snapshot progress
 * per table, a sample of the change stream and the top customers by revenue.
 */
final class ConsoleView {
    private final Board board;
    private final List<DemoTable> tables;
    private final List<String> header;

    ConsoleView(Board board, List<DemoTable> tables, List<String> header) {
        this.board = board;
        this.tables = tables;
        this.header = header;
    }

    /** The frame: header lines, status lines, then the three sections. */
    List<String> frame(List<String> status) {
        List<String> lines = new ArrayList<>(header);
        lines.addAll(status);
        lines.add("");
        snapshot(lines);
        lines.add("");
        changes(lines);
        lines.add("");
        revenue(lines);
        return lines;
    }

    /** True once every captured table's snapshot chunks are all read. */
    boolean snapshotComplete() {
        return tables.stream().allMatch(t -> gauges(t) != null && gauges(t).done());
    }

    /** {@code complete: 27 chunks, 15,512 rows in 1.9 s (8,164 rows/s)} or progress so far. */
    String snapshotSummary() {
        long chunks = 0;
        long rows = 0;
        double seconds = 0;
        for (DemoTable t : tables) {
            SnapshotGauges g = gauges(t);
            if (g != null) {
                chunks += g.chunksFinished();
                rows += g.rowsRead();
                seconds = Math.max(seconds, g.seconds());
            }
        }
        return String.format(
                "%s: %,d chunks, %,d rows in %.1f s (%,d rows/s)",
                snapshotComplete() ? "complete" : "reading",
                chunks,
                rows,
                seconds,
                seconds == 0 ? 0 : (long) (rows / seconds));
    }

    private void snapshot(List<String> lines) {
        lines.add("SNAPSHOT  chunks read in parallel (enumerator metrics snapshot.*)");
        for (DemoTable t : tables) {
            SnapshotGauges g = gauges(t);
            if (g == null || g.chunksTotal() == 0) {
                lines.add(String.format("  %-12s  planning...", t.table));
                continue;
            }
            lines.add(
                    String.format(
                            "  %-12s  %s %4d/%-4d chunks %,10d rows %,9d rows/s%s",
                            t.table,
                            bar(g.chunksFinished(), g.chunksTotal()),
                            g.chunksFinished(),
                            g.chunksTotal(),
                            g.rowsRead(),
                            g.rowsPerSecond(),
                            g.done() ? "  done" : ""));
        }
        lines.add("  all tables    " + snapshotSummary());
    }

    private void changes(List<String> lines) {
        long latency = board.latencyMillis();
        lines.add(
                String.format(
                        "CHANGE STREAM  %,d snapshot rows, then +I %,d | +U %,d | -D %,d%s",
                        board.count("r"),
                        board.count("c"),
                        board.count("u"),
                        board.count("d"),
                        latency < 0 ? "" : String.format(" | commit->Flink ~%,d ms", latency)));
        lines.add(
                String.format(
                        "  %-3s %-12s %-9s %-52s %s",
                        "op",
                        "table",
                        "key",
                        "columns (latest " + Board.RECENT + " per table)",
                        "op_ts"));
        for (DemoTable t : tables) {
            List<ChangeLine> recent = board.recentChanges(t.table);
            for (int i = 0; i < Board.RECENT; i++) {
                lines.add(
                        i < recent.size()
                                ? change(recent.get(i))
                                : i == 0
                                        ? "  " + t.table + ": (waiting for the first rows...)"
                                        : "");
            }
        }
    }

    private static String change(ChangeLine c) {
        String columns = c.columns.length() <= 52 ? c.columns : c.columns.substring(0, 49) + "...";
        return String.format(
                "  %-3s %-12s %-9s %-52s %s",
                c.kind,
                c.table,
                c.key,
                columns,
                c.isSnapshot() ? "(snapshot)" : CellText.time(c.opTs));
    }

    private void revenue(List<String> lines) {
        lines.add(
                String.format(
                        "TOP 5 CUSTOMERS BY REVENUE  Flink SQL join + GROUP BY (%,d customers)",
                        board.revenueGroups()));
        lines.add(String.format("   #  %-28s %8s %14s", "customer", "orders", "revenue"));
        List<Revenue> top = board.topRevenue(5);
        for (int i = 0; i < 5; i++) {
            if (i >= top.size()) {
                lines.add(i == 0 ? "   (waiting for the aggregate...)" : "");
                continue;
            }
            Revenue r = top.get(i);
            lines.add(
                    String.format(
                            "  %2d  %-28s %8d %,14.2f",
                            i + 1, r.name + " (#" + r.customerId + ")", r.orders, r.revenue));
        }
    }

    /** The table's gauges of the shared source's enumerator (snapshot.table.<schema.table>.*). */
    private SnapshotGauges gauges(DemoTable table) {
        return board.snapshotGauges().get(ShopSchema.SCHEMA + "." + table.table);
    }

    private static String bar(long done, long total) {
        int width = 20;
        int filled = total == 0 ? 0 : (int) Math.min(width, done * width / total);
        return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "]";
    }
}
