package io.neoncdc.jobs.bench;

import java.util.List;
import java.util.Locale;

/** Renders the figures as one Markdown table, printed and written to the results file. */
final class ResultsTable {
    private ResultsTable() {}

    static String render(List<Figure> figures) {
        StringBuilder sb = new StringBuilder();
        sb.append("| figure | ours: median (min–max) | baseline: median (min–max) | ratio |")
                .append(" target | met | peak heap / RSS |\n");
        sb.append("|---|---|---|---|---|---|---|\n");
        for (Figure f : figures) {
            sb.append("| ")
                    .append(f.name)
                    .append(" (")
                    .append(f.unit)
                    .append(") | ")
                    .append(f.ours.describe())
                    .append(" | ")
                    .append(f.baselineName == null ? "" : f.baselineName + ": ")
                    .append(f.baseline.isEmpty() ? "" : f.baseline.describe())
                    .append(" | ")
                    .append(
                            Double.isNaN(f.ratio())
                                    ? ""
                                    : String.format(Locale.ROOT, "%.2f×", f.ratio()))
                    .append(" | ")
                    .append(f.target())
                    .append(" | ")
                    .append(f.met())
                    .append(" | ")
                    .append(f.memory.replace("|", "/"))
                    .append(" |\n");
        }
        return sb.toString();
    }
}
