package io.neoncdc.postgres.convert;

import java.io.IOException;

/**
 * Successive chunks of a {@code COPY … TO STDOUT (FORMAT binary)} stream, e.g. {@code
 * CopyOut::readFromCopy}; chunk boundaries carry no meaning.
 */
@FunctionalInterface
public interface CopyChunkSource {

    /** The next chunk (never modified afterwards by the source), or null at the end. */
    byte[] next() throws IOException;
}
