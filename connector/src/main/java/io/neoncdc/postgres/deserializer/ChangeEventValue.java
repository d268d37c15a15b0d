package io.neoncdc.postgres.deserializer;

import java.util.Map;
import java.util.Objects;
import org.apache.flink.annotation.PublicEvolving;

/**
 * One change as a plain, serializable value for the DataStream API: the op code ({@code r}, {@code
 * c}, {@code u}, {@code d}), the table, and the old and new row as maps of column name to plain
 * Java value; read-only.
 *
 * <p>Column values: Boolean, Short, Integer, Long, Float, Double, BigDecimal, String, byte[],
 * LocalDate, LocalTime, LocalDateTime (timestamp), Instant (timestamptz), List (arrays), Map
 * (hstore, composite types by field name).
 */
@PublicEvolving
public final class ChangeEventValue {
    private final String op;
    private final String database;
    private final String schema;
    private final String table;
    private final String topic;
    private final Map<String, Object> before;
    private final Map<String, Object> after;
    private final Long lsn;
    private final Long commitTimeMicros;
    private final Long xid;

    public ChangeEventValue(
            String op,
            String database,
            String schema,
            String table,
            String topic,
            Map<String, Object> before,
            Map<String, Object> after,
            Long lsn,
            Long commitTimeMicros,
            Long xid) {
        this.op = Objects.requireNonNull(op);
        this.database = database;
        this.schema = schema;
        this.table = table;
        this.topic = topic;
        this.before = before;
        this.after = after;
        this.lsn = lsn;
        this.commitTimeMicros = commitTimeMicros;
        this.xid = xid;
    }

    /** {@code r} (snapshot read), {@code c} (insert), {@code u} (update) or {@code d} (delete). */
    public String op() {
        return op;
    }

    public boolean isSnapshot() {
        return "r".equals(op);
    }

    public String database() {
        return database;
    }

    public String schema() {
        return schema;
    }

    public String table() {
        return table;
    }

    /** {@code schema.table}. */
    public String tableId() {
        return schema + "." + table;
    }

    /** The table's topic ({@code topic.prefix}, {@code topic.prefix-database}). */
    public String topic() {
        return topic;
    }

    /**
     * The old row (updates and deletes; key columns only unless REPLICA IDENTITY FULL), or null.
     */
    public Map<String, Object> before() {
        return before;
    }

    /** The new row (reads, inserts, updates), or null. */
    public Map<String, Object> after() {
        return after;
    }

    /** The transaction's commit LSN; null for snapshot rows. */
    public Long lsn() {
        return lsn;
    }

    /** Commit time in microseconds since the epoch; null for snapshot rows. */
    public Long commitTimeMicros() {
        return commitTimeMicros;
    }

    /** The transaction id; null for snapshot rows. */
    public Long xid() {
        return xid;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ChangeEventValue)) {
            return false;
        }
        ChangeEventValue v = (ChangeEventValue) o;
        return op.equals(v.op)
                && Objects.equals(database, v.database)
                && Objects.equals(schema, v.schema)
                && Objects.equals(table, v.table)
                && Objects.equals(topic, v.topic)
                && same(before, v.before)
                && same(after, v.after)
                && Objects.equals(lsn, v.lsn)
                && Objects.equals(commitTimeMicros, v.commitTimeMicros)
                && Objects.equals(xid, v.xid);
    }

    /** Equality that compares byte arrays by content, also inside lists and maps. */
    private static boolean same(Object a, Object b) {
        if (a instanceof Map && b instanceof Map) {
            Map<?, ?> x = (Map<?, ?>) a;
            Map<?, ?> y = (Map<?, ?>) b;
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : x.entrySet()) {
                if (!y.containsKey(e.getKey()) || !same(e.getValue(), y.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof java.util.List && b instanceof java.util.List) {
            java.util.List<?> x = (java.util.List<?>) a;
            java.util.List<?> y = (java.util.List<?>) b;
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.deepEquals(a, b);
    }

    @Override
    public int hashCode() {
        return Objects.hash(op, schema, table, lsn, xid);
    }

    @Override
    public String toString() {
        return op
                + " "
                + tableId()
                + " before="
                + before
                + " after="
                + after
                + (lsn == null ? "" : " lsn=" + lsn + " xid=" + xid);
    }
}
