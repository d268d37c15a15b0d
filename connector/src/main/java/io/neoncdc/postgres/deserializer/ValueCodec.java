package io.neoncdc.postgres.deserializer;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Writes and reads the plain Java column values of a {@link ChangeEventValue} with a one-byte tag
 * per value; the tags are part of the serializer's format and never change meaning.
 */
final class ValueCodec {
    private static final byte NULL = 0;
    private static final byte BOOLEAN = 1;
    private static final byte BYTE = 2;
    private static final byte SHORT = 3;
    private static final byte INT = 4;
    private static final byte LONG = 5;
    private static final byte FLOAT = 6;
    private static final byte DOUBLE = 7;
    private static final byte DECIMAL = 8;
    private static final byte STRING = 9;
    private static final byte BYTES = 10;
    private static final byte DATE = 11;
    private static final byte TIME = 12;
    private static final byte TIMESTAMP = 13;
    private static final byte INSTANT = 14;
    private static final byte LIST = 15;
    private static final byte MAP = 16;

    private ValueCodec() {}

    static void write(Object v, DataOutputView out) throws IOException {
        if (v == null) {
            out.writeByte(NULL);
        } else if (v instanceof Boolean) {
            out.writeByte(BOOLEAN);
            out.writeBoolean((Boolean) v);
        } else if (v instanceof Byte) {
            out.writeByte(BYTE);
            out.writeByte((Byte) v);
        } else if (v instanceof Short) {
            out.writeByte(SHORT);
            out.writeShort((Short) v);
        } else if (v instanceof Integer) {
            out.writeByte(INT);
            out.writeInt((Integer) v);
        } else if (v instanceof Long) {
            out.writeByte(LONG);
            out.writeLong((Long) v);
        } else if (v instanceof Float) {
            out.writeByte(FLOAT);
            out.writeFloat((Float) v);
        } else if (v instanceof Double) {
            out.writeByte(DOUBLE);
            out.writeDouble((Double) v);
        } else if (v instanceof BigDecimal) {
            out.writeByte(DECIMAL);
            BigDecimal d = (BigDecimal) v;
            out.writeInt(d.scale());
            writeBytes(d.unscaledValue().toByteArray(), out);
        } else if (v instanceof String) {
            out.writeByte(STRING);
            StringValue.writeString((String) v, out);
        } else if (v instanceof byte[]) {
            out.writeByte(BYTES);
            writeBytes((byte[]) v, out);
        } else if (v instanceof LocalDate) {
            out.writeByte(DATE);
            out.writeLong(((LocalDate) v).toEpochDay());
        } else if (v instanceof LocalTime) {
            out.writeByte(TIME);
            out.writeLong(((LocalTime) v).toNanoOfDay());
        } else if (v instanceof LocalDateTime) {
            out.writeByte(TIMESTAMP);
            LocalDateTime t = (LocalDateTime) v;
            out.writeLong(t.toLocalDate().toEpochDay());
            out.writeLong(t.toLocalTime().toNanoOfDay());
        } else if (v instanceof Instant) {
            out.writeByte(INSTANT);
            out.writeLong(((Instant) v).getEpochSecond());
            out.writeInt(((Instant) v).getNano());
        } else if (v instanceof List) {
            out.writeByte(LIST);
            List<?> list = (List<?>) v;
            out.writeInt(list.size());
            for (Object e : list) {
                write(e, out);
            }
        } else if (v instanceof Map) {
            out.writeByte(MAP);
            writeMap((Map<?, ?>) v, out);
        } else {
            throw new IOException("Cannot serialize a column value of " + v.getClass());
        }
    }

    static void writeMap(Map<?, ?> map, DataOutputView out) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<?, ?> e : map.entrySet()) {
            write(e.getKey(), out);
            write(e.getValue(), out);
        }
    }

    static Object read(DataInputView in) throws IOException {
        byte tag = in.readByte();
        switch (tag) {
            case NULL:
                return null;
            case BOOLEAN:
                return in.readBoolean();
            case BYTE:
                return in.readByte();
            case SHORT:
                return in.readShort();
            case INT:
                return in.readInt();
            case LONG:
                return in.readLong();
            case FLOAT:
                return in.readFloat();
            case DOUBLE:
                return in.readDouble();
            case DECIMAL:
                int scale = in.readInt();
                return new BigDecimal(new BigInteger(readBytes(in)), scale);
            case STRING:
                return StringValue.readString(in);
            case BYTES:
                return readBytes(in);
            case DATE:
                return LocalDate.ofEpochDay(in.readLong());
            case TIME:
                return LocalTime.ofNanoOfDay(in.readLong());
            case TIMESTAMP:
                return LocalDateTime.of(
                        LocalDate.ofEpochDay(in.readLong()), LocalTime.ofNanoOfDay(in.readLong()));
            case INSTANT:
                return Instant.ofEpochSecond(in.readLong(), in.readInt());
            case LIST:
                int n = in.readInt();
                List<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(read(in));
                }
                return Collections.unmodifiableList(list);
            case MAP:
                return readMap(in);
            default:
                throw new IOException("Unknown column value tag " + tag);
        }
    }

    static Map<String, Object> readMap(DataInputView in) throws IOException {
        int n = in.readInt();
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            map.put(read(in), read(in));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) (Map<?, ?>) map;
        return Collections.unmodifiableMap(result);
    }

    private static void writeBytes(byte[] bytes, DataOutputView out) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputView in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return bytes;
    }
}
