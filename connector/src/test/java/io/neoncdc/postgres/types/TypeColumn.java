package io.neoncdc.postgres.types;

/**
 * One column of the all-types table: PostgreSQL type, declared Flink type, the SQL literal of its
 * sample value and the expected value as {@link Rendered} prints it.
 */
final class TypeColumn {
    final String name;
    final String pgType;
    final String flinkType;
    final String literal;
    final String expected;
    int minVersion;
    String versionReason;
    boolean notNull;
    boolean array = true;

    TypeColumn(String name, String pgType, String flinkType, String literal, String expected) {
        this.name = name;
        this.pgType = pgType;
        this.flinkType = flinkType;
        this.literal = literal;
        this.expected = expected;
    }

    static TypeColumn col(
            String name, String pgType, String flinkType, String literal, String expected) {
        return new TypeColumn(name, pgType, flinkType, literal, expected);
    }

    /** Only on servers with {@code server_version_num >= version}. */
    TypeColumn since(int version, String reason) {
        this.minVersion = version;
        this.versionReason = reason;
        return this;
    }

    /** NOT NULL by definition (serials): the all-NULL row holds the sample value too. */
    TypeColumn notNull() {
        this.notNull = true;
        this.array = false;
        return this;
    }

    /** No array column is derived from this one. */
    TypeColumn noArray() {
        this.array = false;
        return this;
    }

    /** The derived one-dimensional array column: {@code ARRAY[sample, NULL]}. */
    TypeColumn asArray() {
        TypeColumn a =
                new TypeColumn(
                        name + "_arr",
                        pgType + "[]",
                        "ARRAY<" + flinkType + ">",
                        "ARRAY[CAST(" + literal + " AS " + pgType + "), NULL]",
                        "[" + expected + ", null]");
        a.minVersion = minVersion;
        a.versionReason = versionReason;
        a.array = false;
        return a;
    }

    @Override
    public String toString() {
        return name + " " + pgType + " AS " + flinkType;
    }
}
