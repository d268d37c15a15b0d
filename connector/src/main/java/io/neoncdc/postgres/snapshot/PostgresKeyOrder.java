package io.neoncdc.postgres.snapshot;

import io.neoncdc.postgres.catalog.ColumnInfo;
import io.neoncdc.postgres.catalog.TableInfo;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Places keys by asking PostgreSQL to compare them with the chunk bounds under the key columns' own
 * types and collations: exact for every key type, e.g. text under {@code en_US.UTF-8}, whose order
 * Java's {@code String.compareTo} does not reproduce. Only used for transactions that some but not
 * all chunk snapshots of the table see. A key equal to a bound needs no query, and a key placed
 * once is remembered: a key changed again (hot rows) costs no second round trip.
 */
final class PostgresKeyOrder implements KeyOrder {
    private static final int REMEMBERED = 65_536;
    private static final AtomicLong QUERIES = new AtomicLong();

    private final Map<List<String>, Integer> placed =
            new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<List<String>, Integer> eldest) {
                    return size() > REMEMBERED;
                }
            };
    private final Map<List<String>, Integer> boundIndex = new HashMap<>();
    private final Supplier<Connection> connection;
    private final TableInfo table;
    private final List<String> keyColumns;
    private final String boundsValues;

    PostgresKeyOrder(
            Supplier<Connection> connection,
            TableInfo table,
            List<String> keyColumns,
            List<String[]> uppers) {
        this.connection = connection;
        this.table = table;
        this.keyColumns = keyColumns;
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < uppers.size(); i++) {
            boundIndex.put(Arrays.asList(uppers.get(i).clone()), i);
        }
        for (String[] upper : uppers) {
            values.append(values.length() == 0 ? "(" : ", (");
            for (int i = 0; i < upper.length; i++) {
                values.append(i == 0 ? "" : ", ").append(typed(i, upper[i]));
            }
            values.append(')');
        }
        this.boundsValues = values.toString();
    }

    private String typed(int column, String text) {
        String literal = KeyPredicates.literal(table, keyColumns.get(column), text);
        ColumnInfo c = table.column(keyColumns.get(column)).orElseThrow();
        return c.collation() == null ? literal : literal + " COLLATE " + c.collation();
    }

    /** Round trips made by all instances so far (tests check that Java-ordered keys make none). */
    static long queries() {
        return QUERIES.get();
    }

    @Override
    public int chunkOf(String[] key) {
        if (boundsValues.isEmpty()) {
            return 0;
        }
        List<String> k = Arrays.asList(key.clone());
        Integer bound = boundIndex.get(k);
        if (bound != null) {
            // Byte-equal text is equal under every collation: the key is that chunk's lower bound.
            return bound + 1;
        }
        Integer known = placed.get(k);
        if (known == null) {
            known = query(key);
            placed.put(k, known);
        }
        return known;
    }

    private int query(String[] key) {
        QUERIES.incrementAndGet();
        // The key's chunk index is the number of exclusive upper bounds at or below it.
        StringBuilder b = new StringBuilder("(");
        StringBuilder k = new StringBuilder("(");
        for (int i = 0; i < key.length; i++) {
            b.append(i == 0 ? "" : ", ").append("b.c").append(i);
            k.append(i == 0 ? "" : ", ").append(typed(i, key[i]));
        }
        StringBuilder columns = new StringBuilder();
        for (int i = 0; i < key.length; i++) {
            columns.append(i == 0 ? "" : ", ").append("c").append(i);
        }
        String sql =
                "SELECT count(*) FROM (VALUES "
                        + boundsValues
                        + ") AS b("
                        + columns
                        + ") WHERE "
                        + b
                        + ") <= "
                        + k
                        + ")";
        try (Statement st = connection.get().createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Placing a key of " + table.id() + " among its chunks failed", e);
        }
    }
}
