package io.neoncdc.jobs.runner;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One statement of a SQL file, without comments and the closing semicolon, with its position. */
public final class SqlStatement {
    /** What running a statement produces, which decides how the runner waits and prints. */
    public enum Kind {
        /** SELECT, WITH, VALUES: rows to print (a streaming query prints until stopped). */
        QUERY,
        /** INSERT, EXECUTE STATEMENT SET: submits a Flink job. */
        JOB,
        /** SET: a session option. */
        SET,
        /** Everything else: DDL, SHOW, DESCRIBE, EXPLAIN, ADD JAR. */
        COMMAND
    }

    private static final Pattern PASSWORD_OPTION =
            Pattern.compile(
                    "('[^']*password[^']*'\\s*=\\s*)'(?:[^']|'')*'", Pattern.CASE_INSENSITIVE);

    private final String text;
    private final String file;
    private final int line;

    public SqlStatement(String text, String file, int line) {
        this.text = text;
        this.file = file;
        this.line = line;
    }

    public String text() {
        return text;
    }

    /** Where the statement starts, e.g. {@code 20-changelog-to-filesystem.sql:31}. */
    public String position() {
        return file + ":" + line;
    }

    public SqlStatement withText(String newText) {
        return new SqlStatement(newText, file, line);
    }

    public Kind kind() {
        String head = text.stripLeading().toUpperCase(Locale.ROOT);
        if (head.startsWith("SELECT")
                || head.startsWith("WITH")
                || head.startsWith("VALUES")
                || head.startsWith("(")) {
            return Kind.QUERY;
        }
        if (head.startsWith("INSERT") || head.startsWith("EXECUTE")) {
            return Kind.JOB;
        }
        if (head.startsWith("SET")) {
            return Kind.SET;
        }
        return Kind.COMMAND;
    }

    /** The statement with the values of password options replaced, for printing. */
    public String masked() {
        return mask(text);
    }

    /** {@code text} with the values of {@code 'password' = '…'}-like options replaced. */
    public static String mask(String text) {
        Matcher m = PASSWORD_OPTION.matcher(text);
        return m.replaceAll("$1'****'");
    }

    /** The first line of the statement (masked, shortened), for progress output. */
    public String summary() {
        String first = masked().strip().lines().findFirst().orElse("");
        return first.length() > 100 ? first.substring(0, 97) + "..." : first;
    }

    @Override
    public String toString() {
        return position() + " " + summary();
    }
}
