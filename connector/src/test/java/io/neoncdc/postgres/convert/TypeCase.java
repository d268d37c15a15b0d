package io.neoncdc.postgres.convert;

import java.util.ArrayList;
import java.util.List;

/** One column type of the integration test: its samples (SQL literals) and expected values. */
final class TypeCase {
    /** A sample: a SQL expression and what it must convert to (or that it fails). */
    static final class Sample {
        final String sql;
        final Object expected;
        final String failure;

        Sample(String sql, Object expected, String failure) {
            this.sql = sql;
            this.expected = expected;
            this.failure = failure;
        }
    }

    final String pgType;
    String flinkType;
    ConversionOptions options = ConversionOptions.defaults();
    boolean nullable = true;
    int minVersion;
    final List<Sample> samples = new ArrayList<>();

    private TypeCase(String pgType) {
        this.pgType = pgType;
    }

    static TypeCase column(String pgType) {
        return new TypeCase(pgType);
    }

    TypeCase as(String flink) {
        this.flinkType = flink;
        return this;
    }

    TypeCase options(ConversionOptions o) {
        this.options = o;
        return this;
    }

    TypeCase notNull() {
        this.nullable = false;
        return this;
    }

    /** Only on servers with at least this {@code server_version_num}. */
    TypeCase since(int versionNum) {
        this.minVersion = versionNum;
        return this;
    }

    TypeCase value(String sql, Object expected) {
        samples.add(new Sample(sql, expected, null));
        return this;
    }

    /** A sample whose conversion must fail with a message containing {@code message}. */
    TypeCase fails(String sql, String message) {
        samples.add(new Sample(sql, null, message));
        return this;
    }

    @Override
    public String toString() {
        return pgType + " -> " + (flinkType == null ? "default" : flinkType);
    }
}
