package io.neoncdc.postgres.convert;

import io.neoncdc.postgres.catalog.PgType;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.BooleanType;
import org.apache.flink.table.types.logical.DateType;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.DoubleType;
import org.apache.flink.table.types.logical.FloatType;
import org.apache.flink.table.types.logical.IntType;
import org.apache.flink.table.types.logical.LocalZonedTimestampType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.SmallIntType;
import org.apache.flink.table.types.logical.TimeType;
import org.apache.flink.table.types.logical.TimestampType;
import org.apache.flink.table.types.logical.VarBinaryType;
import org.apache.flink.table.types.logical.VarCharType;

/** The Flink type each PostgreSQL type maps to when no schema is declared (DESIGN §7). */
final class DefaultTypes {
    /** Unconstrained {@code numeric} (no precision in the column type). */
    static final int UNCONSTRAINED_NUMERIC_PRECISION = 38;

    static final int UNCONSTRAINED_NUMERIC_SCALE = 18;

    /** money is int64 in units of 1/100 (lc_monetary frac_digits, 2 in practice). */
    static final int MONEY_PRECISION = 19;

    static final int MONEY_SCALE = 2;

    private DefaultTypes() {}

    static LogicalType of(PgType pgType) {
        PgType type = pgType.resolveDomain();
        switch (TypeFamily.of(type)) {
            case INT2:
                return new SmallIntType();
            case INT4:
                return new IntType();
            case INT8:
            case OID:
            case INTERVAL:
                return new BigIntType();
            case FLOAT4:
                return new FloatType();
            case FLOAT8:
                return new DoubleType();
            case NUMERIC:
                return numeric(type.typmod());
            case MONEY:
                return new DecimalType(MONEY_PRECISION, MONEY_SCALE);
            case BOOL:
                return new BooleanType();
            case BYTEA:
                return new VarBinaryType(VarBinaryType.MAX_LENGTH);
            case BIT:
                return type.name().equals("bit") && type.typmod() == 1
                        ? new BooleanType()
                        : new VarBinaryType(VarBinaryType.MAX_LENGTH);
            case DATE:
                return new DateType();
            case TIME:
                return new TimeType(fractionalPrecision(type.typmod()));
            case TIMESTAMP:
                return new TimestampType(fractionalPrecision(type.typmod()));
            case TIMESTAMPTZ:
                return new LocalZonedTimestampType(fractionalPrecision(type.typmod()));
            case ARRAY:
                return new ArrayType(of(type.element()));
            case HSTORE:
                return new MapType(string(), string());
            default:
                return string();
        }
    }

    static VarCharType string() {
        return new VarCharType(VarCharType.MAX_LENGTH);
    }

    /** DECIMAL(p,s) for numeric(p,s); STRING when Flink's 38 digits cannot hold the type. */
    static LogicalType numeric(int typmod) {
        if (typmod < 4) {
            return new DecimalType(UNCONSTRAINED_NUMERIC_PRECISION, UNCONSTRAINED_NUMERIC_SCALE);
        }
        int precision = numericPrecision(typmod);
        int scale = numericScale(typmod);
        // PostgreSQL 15+ allows a negative scale and a scale above the precision.
        int flinkScale = Math.max(scale, 0);
        int flinkPrecision = scale < 0 ? precision - scale : Math.max(precision, scale);
        if (flinkPrecision > DecimalType.MAX_PRECISION) {
            return string();
        }
        return new DecimalType(flinkPrecision, flinkScale);
    }

    static int numericPrecision(int typmod) {
        return ((typmod - 4) >> 16) & 0xffff;
    }

    static int numericScale(int typmod) {
        return (((typmod - 4) & 0x7ff) ^ 1024) - 1024;
    }

    /** time/timestamp typmod is the fractional precision; -1 means PostgreSQL's 6. */
    static int fractionalPrecision(int typmod) {
        return typmod < 0 ? 6 : Math.min(typmod, 6);
    }
}
