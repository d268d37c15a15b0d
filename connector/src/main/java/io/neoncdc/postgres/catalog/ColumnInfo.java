package io.neoncdc.postgres.catalog;

import java.io.Serializable;

/** One column of a captured table: name, type, nullability and collation. */
public final class ColumnInfo implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final PgType type;
    private final boolean notNull;
    private final String collation;
    private final boolean byteOrderCollation;
    private final boolean toastable;
    private final char generated;

    public ColumnInfo(
            String name, PgType type, boolean notNull, String collation, boolean byteOrder) {
        this(name, type, notNull, collation, byteOrder, true);
    }

    /**
     * @param toastable whether values may be stored out of line ({@code attstorage} is not plain)
     */
    public ColumnInfo(
            String name,
            PgType type,
            boolean notNull,
            String collation,
            boolean byteOrder,
            boolean toastable) {
        this(name, type, notNull, collation, byteOrder, toastable, NOT_GENERATED);
    }

    /** {@code pg_attribute.attgenerated} of an ordinary column. */
    public static final char NOT_GENERATED = '\0';

    /**
     * @param generated {@code pg_attribute.attgenerated}: {@code 's'} stored, {@code 'v'} virtual
     *     (PostgreSQL 18), {@link #NOT_GENERATED} otherwise
     */
    public ColumnInfo(
            String name,
            PgType type,
            boolean notNull,
            String collation,
            boolean byteOrder,
            boolean toastable,
            char generated) {
        this.generated = generated;
        this.toastable = toastable;
        this.byteOrderCollation = byteOrder;
        this.name = name;
        this.type = type;
        this.notNull = notNull;
        this.collation = collation;
    }

    public String name() {
        return name;
    }

    public PgType type() {
        return type;
    }

    public boolean notNull() {
        return notNull;
    }

    /**
     * The column's collation as a quoted qualified name for a COLLATE clause ({@code
     * "pg_catalog"."default"}), null when the type is not collatable.
     */
    public String collation() {
        return collation;
    }

    /** Whether the collation orders strings by their bytes ({@code C}, {@code POSIX}). */
    public boolean byteOrderCollation() {
        return byteOrderCollation;
    }

    /**
     * Whether an update may leave this column's value out of the WAL as "unchanged TOAST": its
     * storage is not {@code plain}, so large values can live out of line.
     */
    public boolean toastable() {
        return toastable;
    }

    /**
     * {@code 's'} for a stored generated column, {@code 'v'} for a virtual one, {@link
     * #NOT_GENERATED} otherwise.
     */
    public char generated() {
        return generated;
    }

    @Override
    public String toString() {
        return name + " " + type;
    }
}
