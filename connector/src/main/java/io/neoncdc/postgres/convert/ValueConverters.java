package io.neoncdc.postgres.convert;

import io.neoncdc.postgres.catalog.PgType;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.types.logical.LogicalType;

/** Entry point: picks the converter for a PostgreSQL type and a declared Flink type. */
public final class ValueConverters {
    private ValueConverters() {}

    /**
     * The converter of one column; fails at job start (with {@link ValidationException} naming the
     * column and both types) when the declared type cannot hold the PostgreSQL type.
     *
     * @param columnRef e.g. {@code public.orders.amount}, used in every error message
     */
    public static ValueConverter create(
            PgType pgType, LogicalType target, ConversionOptions options, String columnRef) {
        return create(pgType, target, options, columnRef, CompositeTypes.NONE);
    }

    /** Like {@link #create(PgType, LogicalType, ConversionOptions, String)}, with composites. */
    public static ValueConverter create(
            PgType pgType,
            LogicalType target,
            ConversionOptions options,
            String columnRef,
            CompositeTypes composites) {
        ConverterFactory factory = new ConverterFactory(options, columnRef, composites);
        return new ColumnConverter(factory.createColumn(pgType, target), columnRef, pgType, target);
    }

    /** The Flink type DESIGN §7 maps a PostgreSQL type to when no schema is declared. */
    public static LogicalType defaultType(PgType pgType) {
        return DefaultTypes.of(pgType);
    }
}
