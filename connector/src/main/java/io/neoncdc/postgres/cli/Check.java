package io.neoncdc.postgres.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One line of the {@code validate} checklist: what was checked, the verdict and the details. */
final class Check {
    /** The verdict of a check. */
    enum Status {
        OK,
        WARN,
        FAIL
    }

    /**
     * The SQL statements a failure message asks to run (the connector's messages end each with a
     * semicolon), so the checklist can end with one script that fixes everything.
     */
    private static final Pattern FIX_SQL =
            Pattern.compile(
                    "(?:ALTER (?:ROLE|TABLE|PUBLICATION)|GRANT|CREATE (?:PUBLICATION|TABLE)"
                            + "|SELECT pg_drop_replication_slot)\\b[^;]*;");

    private final Status status;
    private final String name;
    private final String detail;

    private Check(Status status, String name, String detail) {
        this.status = status;
        this.name = name;
        this.detail = detail;
    }

    static Check ok(String name, String detail) {
        return new Check(Status.OK, name, detail);
    }

    static Check warn(String name, String detail) {
        return new Check(Status.WARN, name, detail);
    }

    static Check fail(String name, String detail) {
        return new Check(Status.FAIL, name, detail);
    }

    Status status() {
        return status;
    }

    String name() {
        return name;
    }

    /** What was found and, for a warning or failure, how to fix it. */
    String detail() {
        return detail;
    }

    /** The SQL statements in the detail of a failure, in order. */
    List<String> fixes() {
        List<String> fixes = new ArrayList<>();
        if (status == Status.FAIL) {
            Matcher m = FIX_SQL.matcher(detail);
            while (m.find()) {
                fixes.add(m.group());
            }
        }
        return fixes;
    }

    @Override
    public String toString() {
        return status + " " + name + ": " + detail;
    }
}
