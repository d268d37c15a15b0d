package io.neoncdc.jobs.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The snapshot figures of one path on one table: p1 and p2 next to COPY (submission to last row),
 * p2 next to p1, and the job-net-runtime and first-to-last-row rates as notes; targets per issue
 * 14.
 */
final class PathFigures {
    final String label;
    final BenchPath path;
    final Figure p1;
    final Figure p2;
    final Figure scale;
    private final Samples p1FirstToLast = new Samples();
    private final Samples p2FirstToLast = new Samples();
    private final Samples p1Net = new Samples();
    private final Samples p2Net = new Samples();
    private final Samples copy = new Samples();
    private String heap1 = "";
    private String heap2 = "";

    /** Why the path cannot run (it failed once), or null. */
    String failed;

    PathFigures(String label, BenchPath path) {
        this.label = label;
        this.path = path;
        String name = label + " snapshot, " + path.label;
        this.p1 = new Figure(name + ", p1", "rows/s", "COPY binary");
        this.p2 = new Figure(name + ", p2", "rows/s", "COPY binary");
        this.scale = new Figure(name + ", p2 vs p1", "rows/s", "its p1");
        if ("narrow".equals(label)) {
            switch (path) {
                case SQL:
                    p1.atLeast(0.6);
                    scale.atLeast(1.4);
                    break;
                case SQL_UPSERT:
                case SQL_DEFAULT_IDENTITY:
                case DEBEZIUM_JSON:
                    p1.atLeast(0.4);
                    break;
                default:
            }
        }
    }

    void add(double copyRate, SnapshotBench.Run one, SnapshotBench.Run two) {
        copy.add(copyRate);
        p1.baseline.add(copyRate);
        p2.baseline.add(copyRate);
        p1.ours.add(one.rate());
        p2.ours.add(two.rate());
        scale.baseline.add(one.rate());
        scale.ours.add(two.rate());
        p1FirstToLast.add(one.firstToLastRate());
        p2FirstToLast.add(two.firstToLastRate());
        p1Net.add(one.netRate());
        p2Net.add(two.netRate());
        heap1 = one.heap;
        heap2 = two.heap;
    }

    List<Figure> figures() {
        p1.memory = notes(p1Net, p1FirstToLast, heap1);
        p2.memory = notes(p2Net, p2FirstToLast, heap2);
        if (failed != null) {
            p1.memory = "FAILED: " + failed;
        }
        List<Figure> figures = new ArrayList<>(List.of(p1, p2));
        if (path == BenchPath.SQL || path == BenchPath.CHANGE_EVENT) {
            figures.add(scale);
        }
        return figures;
    }

    private String notes(Samples net, Samples firstToLast, String heap) {
        if (firstToLast.isEmpty()) {
            return "";
        }
        return String.format(
                Locale.ROOT,
                "job net runtime: %s rows/s (%.2f×); first→last row: %s rows/s (%.2f×); %s",
                net.describe(),
                net.median() / copy.median(),
                firstToLast.describe(),
                firstToLast.median() / copy.median(),
                heap);
    }
}
