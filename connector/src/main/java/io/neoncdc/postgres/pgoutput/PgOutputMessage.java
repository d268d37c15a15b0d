package io.neoncdc.postgres.pgoutput;

/**
 * One decoded pgoutput message; {@link #kind()} tells which immutable message class it is.
 *
 * <p>Messages are immutable, but tuple values ({@link TupleData}) reference the received byte array
 * instead of copying it.
 */
public interface PgOutputMessage {

    /** The message kind. */
    Kind kind();

    /** Every pgoutput message kind the decoder understands, with its type byte. */
    enum Kind {
        BEGIN('B', "Begin"),
        COMMIT('C', "Commit"),
        ORIGIN('O', "Origin"),
        RELATION('R', "Relation"),
        TYPE('Y', "Type"),
        INSERT('I', "Insert"),
        UPDATE('U', "Update"),
        DELETE('D', "Delete"),
        TRUNCATE('T', "Truncate"),
        MESSAGE('M', "Message"),
        STREAM_START('S', "Stream Start"),
        STREAM_STOP('E', "Stream Stop"),
        STREAM_COMMIT('c', "Stream Commit"),
        STREAM_ABORT('A', "Stream Abort");

        private static final Kind[] BY_CODE = new Kind[128];

        static {
            for (Kind kind : values()) {
                BY_CODE[kind.code] = kind;
            }
        }

        private final char code;
        private final String displayName;

        Kind(char code, String displayName) {
            this.code = code;
            this.displayName = displayName;
        }

        /** The message type byte, e.g. {@code 'I'} for Insert. */
        public char code() {
            return code;
        }

        /** The name the PostgreSQL documentation uses, e.g. "Stream Start". */
        public String displayName() {
            return displayName;
        }

        /** The kind with that type byte, or null when there is none. */
        public static Kind ofCode(int code) {
            return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
        }
    }
}
