package io.neoncdc.jobs.demo;

/** One change as the console shows it (a Flink POJO: public fields, no-argument constructor). */
public final class ChangeLine {
    /** Table name, e.g. {@code orders}. */
    public String table;

    /** Row kind: {@code +I}, {@code +U} or {@code -D}. */
    public String kind;

    /**
     * The connector's {@code op} metadata: {@code r} (snapshot), {@code c}, {@code u}, {@code d}.
     */
    public String op;

    public String key;
    public String columns;

    /** Commit time in epoch milliseconds ({@code op_ts}); -1 for snapshot rows. */
    public long opTs = -1;

    public ChangeLine() {}

    boolean isSnapshot() {
        return "r".equals(op);
    }
}
