package io.neoncdc.jobs.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The live view's frame, from a board fed by hand. */
class ConsoleViewTest {
    private static final String RUN = "console-view-test";
    private final Board board = Board.open(RUN);
    private final ConsoleView view =
            new ConsoleView(board, Arrays.asList(DemoTable.values()), List.of("header"));

    @AfterEach
    void closeBoard() {
        Board.close(RUN);
    }

    @Test
    void showsPlanningThenProgressThenCompletion() {
        assertThat(view.frame(List.of("status"))).contains("  orders        planning...");
        assertThat(view.snapshotComplete()).isFalse();

        for (DemoTable t : DemoTable.values()) {
            snapshot("neon_cdc_demo." + t.table, 4, 2, 500);
        }
        assertThat(String.join("\n", view.frame(List.of("status"))))
                .contains(
                        "  orders        [##########----------]    2/4    chunks        500 rows");
        assertThat(view.snapshotSummary()).startsWith("reading: 8 chunks, 2,000 rows in ");

        for (DemoTable t : DemoTable.values()) {
            snapshot("neon_cdc_demo." + t.table, 4, 4, 900);
        }
        assertThat(view.snapshotComplete()).isTrue();
        assertThat(view.snapshotSummary()).startsWith("complete: 16 chunks, 3,600 rows in ");
    }

    @Test
    void showsTheLatestChangesPerTableAndTheTopCustomers() {
        board.change(line("orders", "+I", "r", "1", "status=placed", -1));
        long now = System.currentTimeMillis();
        board.change(line("orders", "+U", "u", "1", "status=paid", now - 40));
        board.change(line("orders", "-D", "d", "2", "status=placed", now - 20));
        board.revenue(new Revenue(7, "Ada Lovelace", 3, new BigDecimal("1234.50")), true);
        board.revenue(new Revenue(8, "Alan Turing", 1, new BigDecimal("99.00")), true);
        board.revenue(new Revenue(8, "Alan Turing", 1, new BigDecimal("99.00")), false);

        List<String> frame = view.frame(List.of("status"));

        assertThat(String.join("\n", frame))
                .contains("CHANGE STREAM  1 snapshot rows, then +I 0 | +U 1 | -D 1")
                .containsPattern("\\+U  orders +1 +status=paid +" + CellText.time(now - 40))
                .containsPattern("-D  orders +2 +status=placed +" + CellText.time(now - 20))
                .containsPattern("commit->Flink ~\\d+ ms")
                .doesNotContain("(snapshot)")
                .contains("  customers: (waiting for the first rows...)")
                .contains("TOP 5 CUSTOMERS BY REVENUE  Flink SQL join + GROUP BY (1 customers)")
                .contains("   1  Ada Lovelace (#7)                   3       1,234.50")
                .doesNotContain("Alan Turing");
        assertThat(board.rows("orders")).isEqualTo(0); // +1 snapshot row, -1 delete
        assertThat(frame).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(100));
    }

    private void snapshot(String source, long total, long finished, long rows) {
        SnapshotGauges g = board.snapshotOf(source);
        g.register("chunksTotal", () -> total);
        g.register("chunksFinished", () -> finished);
        g.register("rowsRead", () -> rows);
        g.sample();
    }

    private static ChangeLine line(
            String table, String kind, String op, String key, String columns, long opTs) {
        ChangeLine l = new ChangeLine();
        l.table = table;
        l.kind = kind;
        l.op = op;
        l.key = key;
        l.columns = columns;
        l.opTs = opTs;
        return l;
    }
}
