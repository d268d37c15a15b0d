package io.neoncdc.postgres.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.table.api.ValidationException;

/**
 * Explicit table lists: the {@code table-list} option (comma-separated {@code schema.table}) and
 * CSV files with one {@code schema,table} or {@code schema.table} per line and no header (the bulk
 * format of the Streamkap seed). Names are exact; duplicates are collapsed, first one wins.
 */
public final class TableList {
    private static final String LINE_FORMAT =
            "one schema,table or schema.table per line; blank lines and lines starting with #"
                    + " are ignored; a name containing ',' '.' or '\"' is double-quoted, e.g."
                    + " \"my,schema\",\"my.table\"";

    private TableList() {}

    /** Parses one {@code schema,table} or {@code schema.table}: a line of a list file. */
    public static TableId parseName(String text) {
        try {
            return line(text);
        } catch (IllegalArgumentException e) {
            throw new ValidationException(
                    "Invalid table name '" + text + "': " + e.getMessage() + ".");
        }
    }

    /** Reads a list file (UTF-8), reporting every bad line with its number and the reason. */
    public static List<TableId> readFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ValidationException(
                    "Cannot read table list file '" + file + "': " + e.getMessage(), e);
        }
        return parseLines(lines, "Table list file '" + file + "'");
    }

    /** Parses the lines of a list file; {@code source} names it in messages. */
    public static List<TableId> parseLines(List<String> lines, String source) {
        Set<TableId> tables = new LinkedHashSet<>();
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = i == 0 ? stripBom(lines.get(i)) : lines.get(i);
            String trimmed = text.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            try {
                tables.add(line(text));
            } catch (IllegalArgumentException e) {
                bad.add("line " + (i + 1) + ": " + e.getMessage() + ": " + shorten(trimmed));
            }
        }
        if (!bad.isEmpty()) {
            throw new ValidationException(
                    source
                            + " has "
                            + bad.size()
                            + " bad line(s) ("
                            + LINE_FORMAT
                            + "):\n  "
                            + String.join("\n  ", bad));
        }
        if (tables.isEmpty()) {
            throw new ValidationException(source + " names no table (" + LINE_FORMAT + ").");
        }
        return List.copyOf(tables);
    }

    /**
     * Parses the {@code table-list} option: comma-separated {@code schema.table} entries, each part
     * double-quoted when it contains {@code ,} {@code .} or {@code "}.
     */
    public static List<TableId> parseOption(String value) {
        NameTokens tokens;
        try {
            tokens = NameTokens.of(value);
        } catch (IllegalArgumentException e) {
            throw optionError(value, e.getMessage());
        }
        Set<TableId> tables = new LinkedHashSet<>();
        int i = 0;
        for (int entry = 1; i < tokens.names.size(); entry++) {
            boolean dotted = i < tokens.separators.size() && tokens.separators.get(i) == '.';
            boolean ends = i + 1 >= tokens.separators.size() || tokens.separators.get(i + 1) == ',';
            try {
                if (!dotted || !ends) {
                    throw new IllegalArgumentException(
                            "expected schema.table (a name containing ',' or '.' must be"
                                    + " double-quoted)");
                }
                tables.add(new TableId(tokens.name(i, "schema"), tokens.name(i + 1, "table")));
            } catch (IllegalArgumentException e) {
                throw optionError(value, "entry " + entry + ": " + e.getMessage());
            }
            i += 2;
        }
        return List.copyOf(tables);
    }

    /** The {@code table-list} option value naming exactly these tables (always quoted). */
    public static String format(Collection<TableId> tables) {
        return tables.stream().map(TableId::quoted).collect(Collectors.joining(", "));
    }

    private static TableId line(String text) {
        NameTokens tokens = NameTokens.of(text);
        int parts = tokens.names.size();
        if (parts == 1) {
            throw new IllegalArgumentException(
                    "expected schema,table or schema.table but found one name (name its schema"
                            + " too, e.g. public.orders)");
        }
        if (parts > 2) {
            throw new IllegalArgumentException(
                    "expected two names (schema and table) but found "
                            + parts
                            + " (a name containing ',' or '.' must be double-quoted)");
        }
        return new TableId(tokens.name(0, "schema"), tokens.name(1, "table"));
    }

    private static ValidationException optionError(String value, String reason) {
        return new ValidationException(
                "Invalid 'table-list' = '"
                        + value
                        + "': "
                        + reason
                        + ". Expected comma-separated schema.table names, e.g. 'public.orders,"
                        + " sales.customers'.");
    }

    private static String stripBom(String line) {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    private static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
