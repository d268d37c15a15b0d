package io.neoncdc.postgres.convert;

import java.nio.charset.StandardCharsets;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.LogicalType;

/**
 * inet, cidr, macaddr and macaddr8 into STRING as PostgreSQL prints them; the binary forms are
 * formatted alike (note that {@code inet::text} differs: it always appends the prefix length).
 */
final class NetworkConverter implements ValueConverter {
    private static final long serialVersionUID = 1L;
    private static final int PGSQL_AF_INET = 2;
    private static final int PGSQL_AF_INET6 = 3;

    private final TypeFamily family;

    private NetworkConverter(TypeFamily family) {
        this.family = family;
    }

    static ValueConverter create(TypeFamily family, LogicalType target) {
        return FlinkTypes.isString(target) ? new NetworkConverter(family) : null;
    }

    @Override
    public Object fromText(byte[] bytes, int offset, int length) {
        return TextFormConverter.copy(bytes, offset, length);
    }

    @Override
    public Object fromBinary(byte[] bytes, int offset, int length) {
        String text;
        if (family == TypeFamily.INET) {
            text = inet(bytes, offset, length);
        } else {
            BigEndian.requireLength(length, family == TypeFamily.MACADDR ? 6 : 8, "macaddr");
            byte[] hex = ByteaConverter.hex(bytes, offset, length, 0);
            StringBuilder sb = new StringBuilder(3 * length);
            for (int i = 0; i < length; i++) {
                if (i > 0) {
                    sb.append(':');
                }
                sb.append((char) hex[2 * i]).append((char) hex[2 * i + 1]);
            }
            text = sb.toString();
        }
        return StringData.fromBytes(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** network_out: family, bits, is_cidr, address length, address bytes. */
    private static String inet(byte[] b, int off, int len) {
        BigEndian.requireAvailable(off, 4, off + len, "inet");
        int af = b[off];
        int bits = b[off + 1] & 0xff;
        boolean cidr = b[off + 2] != 0;
        int n = b[off + 3];
        boolean v4 = af == PGSQL_AF_INET && n == 4 && bits <= 32;
        boolean v6 = af == PGSQL_AF_INET6 && n == 16 && bits <= 128;
        if (!(v4 || v6) || len != 4 + n) {
            throw new ValueConversionException("malformed binary inet/cidr value");
        }
        StringBuilder sb = new StringBuilder(48);
        if (v4) {
            for (int i = 0; i < 4; i++) {
                sb.append(i == 0 ? "" : ".").append(b[off + 4 + i] & 0xff);
            }
            if (bits != 32 || cidr) {
                sb.append('/').append(bits);
            }
        } else {
            Ipv6Text.append(sb, b, off + 4);
            if (bits != 128 || cidr) {
                sb.append('/').append(bits);
            }
        }
        return sb.toString();
    }
}
