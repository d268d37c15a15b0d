package io.neoncdc.postgres.convert;

import java.io.Serializable;
import java.util.Objects;

/** The user's choices that shape converted values; one small immutable object. */
public final class ConversionOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final ConversionOptions DEFAULTS =
            new ConversionOptions(BinaryRepresentation.BYTES, InfinityHandling.CLAMP);

    /** How {@code bytea} becomes a STRING ({@code binary.representation}). */
    public enum BinaryRepresentation {
        /** BYTES keep the bytes; a STRING target gets PostgreSQL's text form {@code \x0a1b}. */
        BYTES,
        BASE64,
        BASE64_URL_SAFE,
        /** Lower-case hex digits without a prefix. */
        HEX
    }

    /**
     * What {@code infinity}/{@code -infinity} dates, timestamps and intervals become in non-STRING
     * targets (STRING targets always get the text {@code infinity}).
     */
    public enum InfinityHandling {
        /**
         * +infinity becomes 9999-12-31 (23:59:59.999999999 truncated to the declared precision) and
         * -infinity 0000-01-01 00:00; BIGINT interval micros become Long.MAX/MIN_VALUE.
         */
        CLAMP,
        /** Fail with a {@link ValueConversionException}. */
        FAIL
    }

    private final BinaryRepresentation binaryRepresentation;
    private final InfinityHandling infinityHandling;

    private ConversionOptions(
            BinaryRepresentation binaryRepresentation, InfinityHandling infinityHandling) {
        this.binaryRepresentation = Objects.requireNonNull(binaryRepresentation);
        this.infinityHandling = Objects.requireNonNull(infinityHandling);
    }

    /** {@code bytes} and {@code CLAMP}. */
    public static ConversionOptions defaults() {
        return DEFAULTS;
    }

    public ConversionOptions withBinaryRepresentation(BinaryRepresentation representation) {
        return new ConversionOptions(representation, infinityHandling);
    }

    public ConversionOptions withInfinityHandling(InfinityHandling handling) {
        return new ConversionOptions(binaryRepresentation, handling);
    }

    public BinaryRepresentation binaryRepresentation() {
        return binaryRepresentation;
    }

    public InfinityHandling infinityHandling() {
        return infinityHandling;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ConversionOptions)) {
            return false;
        }
        ConversionOptions other = (ConversionOptions) o;
        return binaryRepresentation == other.binaryRepresentation
                && infinityHandling == other.infinityHandling;
    }

    @Override
    public int hashCode() {
        return Objects.hash(binaryRepresentation, infinityHandling);
    }

    @Override
    public String toString() {
        return "ConversionOptions{binary.representation="
                + binaryRepresentation
                + ", infinity="
                + infinityHandling
                + '}';
    }
}
