package io.neoncdc.jobs.runner;

import java.io.PrintStream;
import java.util.List;

/** Prints result rows the same way for both targets: {@code +I | 1 | Ada | 12.50}. */
final class ResultPrinter {
    private final PrintStream out;

    ResultPrinter(PrintStream out) {
        this.out = out;
    }

    void header(List<String> columns) {
        out.println("  op | " + String.join(" | ", columns));
    }

    void row(String kind, List<String> fields) {
        out.println("  " + kind + " | " + String.join(" | ", fields));
    }

    /** Flink's short form of a row kind name ({@code INSERT} -> {@code +I}). */
    static String shortKind(String rowKindName) {
        switch (rowKindName) {
            case "INSERT":
                return "+I";
            case "UPDATE_BEFORE":
                return "-U";
            case "UPDATE_AFTER":
                return "+U";
            case "DELETE":
                return "-D";
            default:
                return rowKindName;
        }
    }
}
