package io.neoncdc.postgres.convert;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.LogicalType;

/**
 * bytea into BYTES, or into STRING per {@code binary.representation}: hex, base64, base64-url-safe
 * (both padded), or for {@code bytes} PostgreSQL's own text form {@code \x…}.
 */
final class ByteaConverter implements ValueConverter {
    private static final long serialVersionUID = 1L;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /** null: keep the bytes (BYTES target). */
    private final ConversionOptions.BinaryRepresentation representation;

    private ByteaConverter(ConversionOptions.BinaryRepresentation representation) {
        this.representation = representation;
    }

    static ValueConverter create(LogicalType target, ConversionOptions options) {
        if (FlinkTypes.isBytes(target)) {
            return new ByteaConverter(null);
        }
        if (FlinkTypes.isString(target)) {
            return new ByteaConverter(options.binaryRepresentation());
        }
        return null;
    }

    @Override
    public Object fromText(byte[] bytes, int offset, int length) {
        return convert(ByteaText.decode(bytes, offset, length));
    }

    @Override
    public Object fromBinary(byte[] bytes, int offset, int length) {
        if (representation == null) {
            return Arrays.copyOfRange(bytes, offset, offset + length);
        }
        return encode(bytes, offset, length);
    }

    private Object convert(byte[] value) {
        return representation == null ? value : encode(value, 0, value.length);
    }

    private StringData encode(byte[] bytes, int offset, int length) {
        switch (representation) {
            case BASE64:
                return StringData.fromBytes(
                        Base64.getEncoder().encode(slice(bytes, offset, length)));
            case BASE64_URL_SAFE:
                return StringData.fromBytes(
                        Base64.getUrlEncoder().encode(slice(bytes, offset, length)));
            case HEX:
                return StringData.fromBytes(hex(bytes, offset, length, 0));
            default:
                byte[] out = hex(bytes, offset, length, 2);
                out[0] = '\\';
                out[1] = 'x';
                return StringData.fromBytes(out);
        }
    }

    private static byte[] slice(byte[] bytes, int offset, int length) {
        return offset == 0 && length == bytes.length
                ? bytes
                : Arrays.copyOfRange(bytes, offset, offset + length);
    }

    /** Lower-case hex digits after {@code prefix} reserved bytes. */
    static byte[] hex(byte[] bytes, int offset, int length, int prefix) {
        byte[] out = new byte[prefix + 2 * length];
        for (int i = 0; i < length; i++) {
            int b = bytes[offset + i];
            out[prefix + 2 * i] = HEX[(b >> 4) & 0xf];
            out[prefix + 2 * i + 1] = HEX[b & 0xf];
        }
        return out;
    }
}
