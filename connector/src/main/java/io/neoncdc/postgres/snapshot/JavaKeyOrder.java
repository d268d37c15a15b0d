package io.neoncdc.postgres.snapshot;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Places keys by comparing in Java, for key types whose PostgreSQL order Java reproduces exactly:
 * integers, numeric, uuid, and text under a byte-order collation (C, POSIX).
 */
final class JavaKeyOrder implements KeyOrder {
    private static final Set<String> INTEGERS = Set.of("int2", "int4", "int8", "oid");
    private static final Set<String> TEXTS = Set.of("text", "varchar", "name");

    private static final java.util.concurrent.atomic.AtomicLong PLACED =
            new java.util.concurrent.atomic.AtomicLong();

    private final List<Function<String, Comparable<?>>> parsers;
    private final Object[][] uppers;

    private JavaKeyOrder(List<Function<String, Comparable<?>>> parsers, List<String[]> uppers) {
        this.parsers = parsers;
        this.uppers = new Object[uppers.size()][];
        for (int i = 0; i < uppers.size(); i++) {
            this.uppers[i] = parse(uppers.get(i));
        }
    }

    /**
     * An order for these key column types, or null when Java cannot reproduce PostgreSQL's.
     *
     * @param uppers the exclusive upper bounds of all chunks but the last, in key order
     */
    static JavaKeyOrder forTypes(
            List<String> typeNames, List<Boolean> byteOrderCollation, List<String[]> uppers) {
        List<Function<String, Comparable<?>>> parsers = new java.util.ArrayList<>();
        for (int i = 0; i < typeNames.size(); i++) {
            String t = typeNames.get(i);
            if (INTEGERS.contains(t)) {
                parsers.add(Long::valueOf);
            } else if (t.equals("numeric")) {
                parsers.add(NumericKey::new);
            } else if (t.equals("uuid")) {
                parsers.add(s -> s.toLowerCase());
            } else if (TEXTS.contains(t) && byteOrderCollation.get(i)) {
                parsers.add(CodePointString::new);
            } else {
                return null;
            }
        }
        return new JavaKeyOrder(parsers, uppers);
    }

    private Object[] parse(String[] key) {
        Object[] values = new Object[key.length];
        for (int i = 0; i < key.length; i++) {
            values[i] = parsers.get(i).apply(key[i]);
        }
        return values;
    }

    /** Keys placed by all instances so far (tests check that the hand-over window used them). */
    static long placed() {
        return PLACED.get();
    }

    @Override
    public int chunkOf(String[] key) {
        PLACED.incrementAndGet();
        Object[] k = parse(key);
        // First chunk whose exclusive upper bound is above the key.
        int lo = 0;
        int hi = uppers.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (compare(k, uppers[mid]) < 0) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object[] a, Object[] b) {
        for (int i = 0; i < a.length; i++) {
            int c = ((Comparable) a[i]).compareTo(b[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** A numeric in PostgreSQL's order: -Infinity, numbers, Infinity, NaN. */
    static final class NumericKey implements Comparable<NumericKey> {
        private final int rank;
        private final BigDecimal value;

        NumericKey(String text) {
            switch (text) {
                case "-Infinity":
                    rank = 0;
                    value = null;
                    break;
                case "Infinity":
                    rank = 2;
                    value = null;
                    break;
                case "NaN":
                    rank = 3;
                    value = null;
                    break;
                default:
                    rank = 1;
                    value = new BigDecimal(text);
            }
        }

        @Override
        public int compareTo(NumericKey o) {
            int c = Integer.compare(rank, o.rank);
            return c != 0 || rank != 1 ? c : value.compareTo(o.value);
        }
    }

    /** A string ordered by Unicode code points, which is UTF-8 byte order. */
    static final class CodePointString implements Comparable<CodePointString> {
        private static final Comparator<String> ORDER =
                (x, y) -> {
                    int i = 0;
                    int j = 0;
                    while (i < x.length() && j < y.length()) {
                        int a = x.codePointAt(i);
                        int b = y.codePointAt(j);
                        if (a != b) {
                            return Integer.compare(a, b);
                        }
                        i += Character.charCount(a);
                        j += Character.charCount(b);
                    }
                    return Integer.compare(x.length() - i, y.length() - j);
                };
        private final String value;

        CodePointString(String value) {
            this.value = value;
        }

        @Override
        public int compareTo(CodePointString o) {
            return ORDER.compare(value, o.value);
        }
    }
}
