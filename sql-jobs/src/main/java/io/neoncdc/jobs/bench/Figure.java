package io.neoncdc.jobs.bench;

import java.util.Locale;

/**
 * One line of the results table: our samples, the baseline's samples measured in the same run (or
 * none), the target and the memory observed.
 */
final class Figure {
    final String name;
    final String unit;
    final Samples ours = new Samples();
    final Samples baseline = new Samples();
    final String baselineName;

    /** Target ratio ours/baseline (at least), or NaN. */
    double minRatio = Double.NaN;

    /** Target value of ours (at most), or NaN. */
    double maxValue = Double.NaN;

    /** Peak heap or RSS while measuring, free text. */
    String memory = "";

    Figure(String name, String unit, String baselineName) {
        this.name = name;
        this.unit = unit;
        this.baselineName = baselineName;
    }

    Figure atLeast(double ratio) {
        this.minRatio = ratio;
        return this;
    }

    Figure atMost(double value) {
        this.maxValue = value;
        return this;
    }

    double ratio() {
        if (baseline.isEmpty() || ours.isEmpty()) {
            return Double.NaN;
        }
        return ours.median() / baseline.median();
    }

    String target() {
        if (!Double.isNaN(minRatio)) {
            return String.format(Locale.ROOT, "≥ %.2g×", minRatio);
        }
        if (!Double.isNaN(maxValue)) {
            return "≤ " + Samples.format(maxValue) + " " + unit;
        }
        return "";
    }

    /** {@code yes}, {@code NO} or empty when there is no target or no value. */
    String met() {
        if (ours.isEmpty()) {
            return "";
        }
        if (!Double.isNaN(minRatio) && !Double.isNaN(ratio())) {
            return ratio() >= minRatio ? "yes" : "NO";
        }
        if (!Double.isNaN(maxValue)) {
            return ours.median() <= maxValue ? "yes" : "NO";
        }
        return "";
    }
}
