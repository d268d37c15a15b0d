package io.neoncdc.postgres.convert;

import java.io.IOException;

/** A COPY binary stream that breaks the format; names the byte offset in the stream. */
public final class CopyFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final long offset;

    public CopyFormatException(String message, long offset) {
        super(message + " (at byte " + offset + " of the COPY stream)");
        this.offset = offset;
    }

    /** Offset of the offending byte from the start of the stream. */
    public long offset() {
        return offset;
    }
}
