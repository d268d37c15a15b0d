package io.neoncdc.postgres.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The checks of one {@code validate} run, printed as an aligned list with wrapped details, a
 * summary, and every failure's SQL collected into one fix script.
 */
final class Checklist {
    private static final int WIDTH = 100;
    private static final String INDENT = "       ";

    private final List<Check> checks = new ArrayList<>();

    Checklist add(Check check) {
        checks.add(check);
        return this;
    }

    List<Check> checks() {
        return checks;
    }

    boolean failed() {
        return count(Check.Status.FAIL) > 0;
    }

    /** 0 when nothing failed, else 1. */
    int exitCode() {
        return failed() ? 1 : 0;
    }

    long count(Check.Status status) {
        return checks.stream().filter(c -> c.status() == status).count();
    }

    void print(PrintStream out) {
        for (Check c : checks) {
            String status = "[" + c.status() + "]";
            String first = status + " ".repeat(INDENT.length() - status.length()) + c.name() + ": ";
            out.print(wrap(first + c.detail()));
        }
        out.println();
        out.println(
                count(Check.Status.FAIL)
                        + " failed, "
                        + count(Check.Status.WARN)
                        + " warning(s), "
                        + count(Check.Status.OK)
                        + " OK");
        Set<String> fixes = new LinkedHashSet<>();
        checks.forEach(c -> fixes.addAll(c.fixes()));
        if (!fixes.isEmpty()) {
            out.println();
            out.println(
                    "To fix the failures, run as the owner of the tables (on Neon: the database"
                            + " owner role):");
            fixes.forEach(f -> out.println("  " + f));
        }
    }

    /** Word-wraps a line at {@link #WIDTH}, continuing under the check's name. */
    static String wrap(String text) {
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > INDENT.length() && line.length() + 1 + word.length() > WIDTH) {
                out.append(line).append('\n');
                line.setLength(0);
                line.append(INDENT);
            } else if (line.length() > 0 && !line.toString().equals(INDENT)) {
                line.append(' ');
            }
            line.append(word);
        }
        return out.append(line).append('\n').toString();
    }
}
