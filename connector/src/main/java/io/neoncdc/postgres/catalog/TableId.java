package io.neoncdc.postgres.catalog;

import java.io.Serializable;
import java.util.Objects;

/** A table's schema-qualified name; {@link #quoted()} is the only form that goes into SQL. */
public final class TableId implements Serializable, Comparable<TableId> {
    private static final long serialVersionUID = 1L;

    private final String schema;
    private final String table;

    public TableId(String schema, String table) {
        this.schema = Objects.requireNonNull(schema);
        this.table = Objects.requireNonNull(table);
    }

    public String schema() {
        return schema;
    }

    public String table() {
        return table;
    }

    /** {@code "schema"."table"} with embedded quotes doubled: safe for any name. */
    public String quoted() {
        return quote(schema) + "." + quote(table);
    }

    /** Quotes an identifier for SQL text (names from configuration are never spliced raw). */
    public static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** Quotes a value as an SQL string literal (standard_conforming_strings on). */
    public static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    @Override
    public int compareTo(TableId o) {
        int c = schema.compareTo(o.schema);
        return c != 0 ? c : table.compareTo(o.table);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TableId
                && schema.equals(((TableId) o).schema)
                && table.equals(((TableId) o).table);
    }

    @Override
    public int hashCode() {
        return schema.hashCode() * 31 + table.hashCode();
    }

    /** {@code schema.table}, as used in split ids and messages. */
    @Override
    public String toString() {
        return schema + "." + table;
    }
}
