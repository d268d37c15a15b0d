package io.neoncdc.postgres.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text like {@code public.orders}, {@code sales,customers} or {@code "my,schema"."my.table"}
 * into names and the separators ({@code ,} or {@code .}) between them; a name containing either
 * separator, a quote or surrounding spaces is double-quoted, with {@code ""} for a quote (CSV
 * quoting).
 */
final class NameTokens {
    /** The names, one more than the separators; an absent name is an empty unquoted name. */
    final List<String> names = new ArrayList<>();

    /** Whether each name was double-quoted. */
    final List<Boolean> quoted = new ArrayList<>();

    /** The separator after each name but the last. */
    final List<Character> separators = new ArrayList<>();

    private NameTokens() {}

    /** Tokenizes {@code text}; throws IllegalArgumentException with the reason when malformed. */
    static NameTokens of(String text) {
        NameTokens t = new NameTokens();
        int i = 0;
        int n = text.length();
        while (true) {
            i = skipSpace(text, i);
            StringBuilder name = new StringBuilder();
            boolean isQuoted = i < n && text.charAt(i) == '"';
            if (isQuoted) {
                i = quotedName(text, i + 1, name);
                i = skipSpace(text, i);
                if (i < n && !isSeparator(text.charAt(i))) {
                    throw new IllegalArgumentException(
                            "unexpected text after the quoted name \"" + name + "\"");
                }
            } else {
                int start = i;
                while (i < n && !isSeparator(text.charAt(i))) {
                    if (text.charAt(i) == '"') {
                        throw new IllegalArgumentException(
                                "a double quote inside an unquoted name: quote the whole name"
                                        + " (\"...\") and double each quote in it");
                    }
                    i++;
                }
                name.append(text, start, i);
            }
            t.names.add(isQuoted ? name.toString() : name.toString().trim());
            t.quoted.add(isQuoted);
            if (i >= n) {
                return t;
            }
            t.separators.add(text.charAt(i++));
        }
    }

    /** Reads a quoted name from just after its opening quote; returns the index after it. */
    private static int quotedName(String text, int i, StringBuilder name) {
        while (i < text.length()) {
            char c = text.charAt(i++);
            if (c != '"') {
                name.append(c);
            } else if (i < text.length() && text.charAt(i) == '"') {
                name.append('"');
                i++;
            } else {
                return i;
            }
        }
        throw new IllegalArgumentException(
                "unterminated quoted name: a name that starts with \" must end with \"");
    }

    private static int skipSpace(String text, int i) {
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isSeparator(char c) {
        return c == ',' || c == '.';
    }

    /** A schema or table name, checked for presence. */
    String name(int index, String what) {
        String name = names.get(index);
        if (name.isEmpty()) {
            throw new IllegalArgumentException(
                    quoted.get(index) ? "empty " + what + " name" : "missing " + what + " name");
        }
        return name;
    }
}
