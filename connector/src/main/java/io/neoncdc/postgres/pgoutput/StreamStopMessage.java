package io.neoncdc.postgres.pgoutput;

/** Stream Stop ({@code 'E'}, protocol 2): closes the current stream block. */
public final class StreamStopMessage implements PgOutputMessage {
    /** The message has no fields, so one instance serves all. */
    public static final StreamStopMessage INSTANCE = new StreamStopMessage();

    private StreamStopMessage() {}

    @Override
    public Kind kind() {
        return Kind.STREAM_STOP;
    }

    @Override
    public String toString() {
        return "StreamStop";
    }
}
