package io.neoncdc.postgres.snapshot;

import io.neoncdc.postgres.catalog.ColumnInfo;
import io.neoncdc.postgres.catalog.TableInfo;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Supplier;

/**
 * Places keys by asking PostgreSQL to compare them with the chunk bounds under the key columns' own
 * types and collations: exact for every key type, e.g. text under {@code en_US.UTF-8}, whose order
 * Java's {@code String.compareTo} does not reproduce. Only used for transactions that some but not
 * all chunk snapshots of the table see.
 */
final class PostgresKeyOrder implements KeyOrder {
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

    @Override
    public int chunkOf(String[] key) {
        if (boundsValues.isEmpty()) {
            return 0;
        }
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
