package io.neoncdc.postgres.catalog;

import java.util.Locale;

/** Whether a relation's name is a likely typo of a name the user wrote (edit distance). */
final class NameDistance {
    private NameDistance() {}

    /**
     * True when {@code actual} is {@code wanted} with at most one edit (names of up to 4
     * characters) or two (longer names), ignoring case: {@code ordrs} and {@code Orders} are {@code
     * orders}.
     */
    static boolean isNear(String wanted, String actual) {
        String a = wanted.toLowerCase(Locale.ROOT);
        String b = actual.toLowerCase(Locale.ROOT);
        int limit = Math.min(a.length(), b.length()) <= 4 ? 1 : 2;
        return Math.abs(a.length() - b.length()) <= limit && distance(a, b) <= limit;
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
