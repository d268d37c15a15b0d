package io.neoncdc.postgres.pgoutput;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a capture written by {@link PgOutputFrameCapture} from the test resources: {@code
 * pgoutput/<name>.frames} (payloads back to back) and {@code pgoutput/<name>.index} (one line per
 * frame: WAL start LSN and payload length; {@code #} lines are comments).
 */
final class CapturedFrames {
    static final String PROTO1_TEXT = "proto1-text";
    static final String PROTO2_STREAMING = "proto2-streaming";
    static final String PROTO2_BINARY = "proto2-binary";
    static final List<String> ALL = List.of(PROTO1_TEXT, PROTO2_STREAMING, PROTO2_BINARY);

    private CapturedFrames() {}

    /** One XLogData payload (a whole pgoutput message) and the WAL start it arrived with. */
    static final class Frame {
        final int index;
        final long walStart;
        final byte[] bytes;

        Frame(int index, long walStart, byte[] bytes) {
            this.index = index;
            this.walStart = walStart;
            this.bytes = bytes;
        }

        ByteBuffer buffer() {
            return ByteBuffer.wrap(bytes.clone());
        }

        @Override
        public String toString() {
            return "frame "
                    + index
                    + " at "
                    + Lsn.format(walStart)
                    + " ('"
                    + (char) bytes[0]
                    + "')";
        }
    }

    static List<Frame> load(String name) {
        byte[] data = resource(name + ".frames");
        String index = new String(resource(name + ".index"), StandardCharsets.UTF_8);
        List<Frame> frames = new ArrayList<>();
        int offset = 0;
        for (String line : index.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.trim().split(" ");
            long walStart = Lsn.parse(parts[0]);
            int length = Integer.parseInt(parts[1]);
            frames.add(
                    new Frame(
                            frames.size(),
                            walStart,
                            Arrays.copyOfRange(data, offset, offset + length)));
            offset += length;
        }
        if (offset != data.length) {
            throw new IllegalStateException(
                    name + ".index covers " + offset + " of " + data.length + " frame bytes");
        }
        return frames;
    }

    /** Decodes all frames of a capture in order with one decoder, as one connection would. */
    static List<PgOutputMessage> decodeAll(String name) {
        PgOutputDecoder decoder = new PgOutputDecoder();
        List<PgOutputMessage> messages = new ArrayList<>();
        for (Frame frame : load(name)) {
            messages.add(decoder.decode(frame.buffer(), frame.walStart));
        }
        return messages;
    }

    private static byte[] resource(String file) {
        try (InputStream in = CapturedFrames.class.getResourceAsStream("/pgoutput/" + file)) {
            if (in == null) {
                throw new IllegalStateException(
                        "Missing test resource pgoutput/" + file + "; see PgOutputFrameCapture");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
