package io.neoncdc.postgres.convert;

import io.neoncdc.postgres.catalog.PgType;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.types.logical.LogicalType;

/**
 * Builds the converter tree of one column: picks the converter of each type family, recursing into
 * array elements, hstore and composite fields; STRING targets fall back to the text form.
 */
final class ConverterFactory {
    private final ConversionOptions options;
    private final String columnRef;
    private final CompositeTypes composites;

    ConverterFactory(ConversionOptions options, String columnRef, CompositeTypes composites) {
        this.options = options;
        this.columnRef = columnRef;
        this.composites = composites;
    }

    ConversionOptions options() {
        return options;
    }

    CompositeTypes composites() {
        return composites;
    }

    /** The converter of a column, or a ValidationException naming the column and both types. */
    ValueConverter createColumn(PgType pgType, LogicalType target) {
        try {
            return create(pgType, target);
        } catch (Mismatch e) {
            String why = e.reason;
            if (e.pgType != pgType || e.target != target) {
                why =
                        e.pgType.name()
                                + " inside cannot be read as "
                                + e.target.asSummaryString()
                                + (why == null ? "" : ": " + why);
            }
            throw new ValidationException(
                    "Column "
                            + columnRef
                            + ": PostgreSQL type "
                            + describe(pgType)
                            + " cannot be read as the declared Flink type "
                            + target.asSummaryString()
                            + (why == null ? "" : " (" + why + ")")
                            + "; declare "
                            + suggestion(pgType));
        }
    }

    private static String suggestion(PgType pgType) {
        String fallback = DefaultTypes.of(pgType).asSummaryString();
        return fallback.equals("STRING") ? "STRING" : fallback + " or STRING";
    }

    /** The converter of {@code pgType} values (nested or not) into {@code target}. */
    ValueConverter create(PgType pgType, LogicalType target) {
        PgType type = pgType.resolveDomain();
        ValueConverter converter = forFamily(TypeFamily.of(type), type, target);
        if (converter == null && FlinkTypes.isString(target)) {
            converter = TextFormConverter.INSTANCE;
        }
        if (converter == null) {
            throw mismatch(pgType, target, null);
        }
        return converter;
    }

    private ValueConverter forFamily(TypeFamily family, PgType type, LogicalType target) {
        switch (family) {
            case INT2:
            case INT4:
            case INT8:
            case OID:
                return IntegerConverter.create(family, target);
            case FLOAT4:
            case FLOAT8:
                return FloatConverter.create(family, target);
            case NUMERIC:
                return NumericConverter.create(target);
            case MONEY:
                return MoneyConverter.create(target);
            case BOOL:
                return BooleanConverter.create(target);
            case TEXT:
            case JSON:
            case JSONB:
            case ENUM:
                return StringConverter.create(family, target);
            case UUID:
                return UuidConverter.create(target);
            case BYTEA:
                return ByteaConverter.create(target, options);
            case DATE:
                return DateConverter.create(target, options);
            case TIME:
                return TimeConverter.create(target);
            case TIMESTAMP:
                return TimestampConverter.create(false, target, options);
            case TIMESTAMPTZ:
                return TimestampConverter.create(true, target, options);
            case TIMETZ:
                return TimeTzConverter.create(target);
            case INTERVAL:
                return IntervalConverter.create(target, options);
            case BIT:
                return BitConverter.create(target);
            case INET:
            case MACADDR:
            case MACADDR8:
                return NetworkConverter.create(family, target);
            case ARRAY:
                return ArrayConverter.create(type, target, this);
            case HSTORE:
                return HstoreConverter.create(target);
            case COMPOSITE:
                return CompositeConverter.create(type, target, this);
            default:
                return null;
        }
    }

    /** A declared type that cannot hold a (possibly nested) PostgreSQL type. */
    Mismatch mismatch(PgType pgType, LogicalType target, String why) {
        return new Mismatch(pgType, target, why);
    }

    private static String describe(PgType type) {
        PgType resolved = type.resolveDomain();
        return resolved == type
                ? type.schema() + "." + type.name()
                : type.schema() + "." + type.name() + " (domain over " + resolved.name() + ")";
    }

    /** Thrown while building nested converters; turned into a ValidationException per column. */
    static final class Mismatch extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient PgType pgType;
        final transient LogicalType target;
        final String reason;

        Mismatch(PgType pgType, LogicalType target, String reason) {
            super(
                    pgType + " -> " + target + (reason == null ? "" : ": " + reason),
                    null,
                    false,
                    false);
            this.pgType = pgType;
            this.target = target;
            this.reason = reason;
        }
    }
}
