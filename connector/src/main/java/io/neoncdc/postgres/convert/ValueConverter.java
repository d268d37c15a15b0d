package io.neoncdc.postgres.convert;

import java.io.Serializable;

/**
 * Turns one non-NULL PostgreSQL column value, in its text or binary wire form, into the Flink
 * internal data structure that {@code RowData} holds for the target {@code LogicalType}.
 *
 * <p>Both forms of the same value produce equal results: the snapshot (COPY binary) and the stream
 * (pgoutput text or binary) must agree. Implementations never keep a reference to {@code bytes}
 * (callers reuse buffers) and are safe to call from one thread at a time.
 */
public interface ValueConverter extends Serializable {

    /** Converts PostgreSQL's text output form (UTF-8, under the connector's session settings). */
    Object fromText(byte[] bytes, int offset, int length);

    /** Converts the binary send form; only called when {@link #hasBinary()} is true. */
    Object fromBinary(byte[] bytes, int offset, int length);

    /**
     * False when only the text form is supported: the snapshot then selects {@code col::text}
     * (whose binary form is the raw UTF-8 text) and calls {@link #fromText}.
     */
    default boolean hasBinary() {
        return true;
    }

    /**
     * Writes the value (binary form when {@code binary}, else text) straight into field {@code pos}
     * of {@code target} when this converter can do so without building its Flink object first
     * (text, integers, floats, booleans); returns false, having written nothing, otherwise. Writes
     * exactly what {@link #fromBinary} or {@link #fromText} would return.
     */
    default boolean write(
            BinaryRowTarget target, int pos, byte[] bytes, int offset, int length, boolean binary) {
        return false;
    }
}
