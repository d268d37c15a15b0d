package io.neoncdc.jobs.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits a SQL file into statements at semicolons, the way Flink's SQL client reads a file: line
 * and block comments are dropped, optimizer hints (block comments starting with a plus, {@code
 * OPTIONS(...)}) are kept, quoted strings and identifiers may hold semicolons, and {@code [EXPLAIN]
 * EXECUTE STATEMENT SET BEGIN ... END;} is one statement.
 */
public final class SqlScript {
    private static final Pattern STATEMENT_SET_START =
            Pattern.compile(
                    "(?is)\\s*(?:EXPLAIN\\b[^;]*?)?(?:EXECUTE\\s+)?STATEMENT\\s+SET\\s+BEGIN\\b.*");
    private static final Pattern ENDS_WITH_END = Pattern.compile("(?is).*\\bEND\\s*");

    private SqlScript() {}

    /** The statements of {@code sql}; {@code file} names it in positions. */
    public static List<SqlStatement> split(String sql, String file) {
        List<SqlStatement> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int line = 1;
        int startLine = -1;
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '-' && sql.startsWith("--", i)) {
                i = indexOrEnd(sql, "\n", i);
                continue;
            }
            if (c == '/' && sql.startsWith("/*", i) && !sql.startsWith("/*+", i)) {
                int end = indexOrEnd(sql, "*/", i + 2);
                line += count(sql, i, end);
                i = Math.min(sql.length(), end + 2);
                current.append(' ');
                continue;
            }
            if (c == '\'' || c == '"' || c == '`' || sql.startsWith("/*+", i)) {
                int end = c == '/' ? indexOrEnd(sql, "*/", i + 3) + 2 : quoteEnd(sql, i, c);
                if (end < 0) {
                    throw new IllegalArgumentException(
                            "Unterminated " + c + " at " + file + ":" + line);
                }
                end = Math.min(sql.length(), end);
                if (startLine < 0) {
                    startLine = line;
                }
                current.append(sql, i, end);
                line += count(sql, i, end);
                i = end;
                continue;
            }
            if (c == ';' && !insideStatementSet(current)) {
                add(statements, current, file, startLine);
                current.setLength(0);
                startLine = -1;
                i++;
                continue;
            }
            if (c == '\n') {
                line++;
            } else if (startLine < 0 && !Character.isWhitespace(c)) {
                startLine = line;
            }
            current.append(c);
            i++;
        }
        add(statements, current, file, startLine);
        return statements;
    }

    private static boolean insideStatementSet(CharSequence current) {
        return STATEMENT_SET_START.matcher(current).matches()
                && !ENDS_WITH_END.matcher(current).matches();
    }

    private static void add(List<SqlStatement> out, StringBuilder text, String file, int line) {
        String statement = text.toString().strip();
        if (!statement.isEmpty()) {
            out.add(new SqlStatement(statement, file, line));
        }
    }

    /** The index just past the closing quote, or -1; a doubled quote is an escaped one. */
    private static int quoteEnd(String sql, int open, char quote) {
        int i = open + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return -1;
    }

    private static int indexOrEnd(String sql, String token, int from) {
        int at = sql.indexOf(token, from);
        return at < 0 ? sql.length() : at;
    }

    private static int count(String sql, int from, int to) {
        int n = 0;
        for (int i = from; i < Math.min(to, sql.length()); i++) {
            if (sql.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }
}
