package io.neoncdc.postgres.catalog;

import java.io.Serializable;
import java.util.Objects;

/**
 * A PostgreSQL data type as the catalog describes it ({@code pg_type} plus the column's typmod),
 * with its element type for arrays and its base type for domains.
 */
public final class PgType implements Serializable {
    private static final long serialVersionUID = 1L;

    /** {@code pg_type.typtype} values. */
    public static final char BASE = 'b';

    public static final char COMPOSITE = 'c';
    public static final char DOMAIN = 'd';
    public static final char ENUM = 'e';
    public static final char PSEUDO = 'p';
    public static final char RANGE = 'r';
    public static final char MULTIRANGE = 'm';

    private final int oid;
    private final String name;
    private final String schema;
    private final int typmod;
    private final char typtype;
    private final char category;
    private final PgType element;
    private final PgType base;

    public PgType(
            int oid,
            String schema,
            String name,
            int typmod,
            char typtype,
            char category,
            PgType element,
            PgType base) {
        this.oid = oid;
        this.schema = schema;
        this.name = Objects.requireNonNull(name);
        this.typmod = typmod;
        this.typtype = typtype;
        this.category = category;
        this.element = element;
        this.base = base;
    }

    /** A built-in base type in {@code pg_catalog}, e.g. {@code int4} with OID 23. */
    public static PgType builtin(int oid, String name, int typmod) {
        return new PgType(oid, "pg_catalog", name, typmod, BASE, 'X', null, null);
    }

    /** The same type with another typmod (columns of one type differ only in typmod). */
    public PgType withTypmod(int newTypmod) {
        return new PgType(oid, schema, name, newTypmod, typtype, category, element, base);
    }

    public int oid() {
        return oid;
    }

    /** {@code pg_type.typname}: {@code int4}, {@code numeric}, {@code _text} for text[]. */
    public String name() {
        return name;
    }

    public String schema() {
        return schema;
    }

    /** {@code atttypmod}; -1 when the column has none. */
    public int typmod() {
        return typmod;
    }

    public char typtype() {
        return typtype;
    }

    /** {@code pg_type.typcategory}: 'A' array, 'N' numeric, 'S' string, … */
    public char category() {
        return category;
    }

    public boolean isArray() {
        return element != null;
    }

    /** The element type of an array type, else null. */
    public PgType element() {
        return element;
    }

    /** The base type of a domain, else null. */
    public PgType base() {
        return base;
    }

    /** Follows domains down to the type that defines the value format. */
    public PgType resolveDomain() {
        PgType t = this;
        while (t.base != null) {
            t = t.base;
        }
        return t;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PgType)) {
            return false;
        }
        PgType other = (PgType) o;
        return oid == other.oid
                && typmod == other.typmod
                && name.equals(other.name)
                && Objects.equals(element, other.element)
                && Objects.equals(base, other.base);
    }

    @Override
    public int hashCode() {
        return Objects.hash(oid, name, typmod);
    }

    @Override
    public String toString() {
        return typmod >= 0 ? name + "(typmod " + typmod + ")" : name;
    }
}
