package io.neoncdc.postgres.convert;

/** A single value that cannot be converted at run time; the message names column and value. */
public final class ValueConversionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String columnRef;
    private final String detail;

    /** A failure of a converter that does not know its column (the column is added later). */
    public ValueConversionException(String detail) {
        this(null, detail, null);
    }

    public ValueConversionException(String detail, Throwable cause) {
        this(null, detail, cause);
    }

    ValueConversionException(String columnRef, String detail, Throwable cause) {
        super(columnRef == null ? detail : "Column " + columnRef + ": " + detail, cause);
        this.columnRef = columnRef;
        this.detail = detail;
    }

    /** The column, e.g. {@code public.orders.amount}, or null when not yet known. */
    public String columnRef() {
        return columnRef;
    }

    /** The same failure attributed to a column (kept as is when it already names one). */
    ValueConversionException withColumn(String column) {
        if (columnRef != null) {
            return this;
        }
        ValueConversionException named = new ValueConversionException(column, detail, getCause());
        named.setStackTrace(getStackTrace());
        return named;
    }
}
