package io.neoncdc.jobs.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** The values of one figure over its runs: median, min and max. */
final class Samples {
    private final List<Double> values = new ArrayList<>();

    void add(double value) {
        values.add(value);
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    int size() {
        return values.size();
    }

    double median() {
        List<Double> sorted = sorted();
        int n = sorted.size();
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    double min() {
        return values.isEmpty() ? Double.NaN : sorted().get(0);
    }

    double max() {
        return values.isEmpty() ? Double.NaN : sorted().get(values.size() - 1);
    }

    /** {@code median (min–max)} or just the value for one run, formatted as a number. */
    String describe() {
        if (values.isEmpty()) {
            return "–";
        }
        if (values.size() == 1) {
            return format(median());
        }
        return format(median()) + " (" + format(min()) + "–" + format(max()) + ")";
    }

    /** Whole numbers with separators at 100 and above, else three significant digits. */
    static String format(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    private List<Double> sorted() {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted;
    }
}
