package io.neoncdc.postgres.convert;

import java.nio.charset.StandardCharsets;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;

/** smallint, integer, bigint (and serials) and oid into any Flink type that holds all values. */
final class IntegerConverter implements ValueConverter {
    private static final long serialVersionUID = 1L;

    private final TypeFamily source;
    private final LogicalTypeRoot target;
    private final DecimalTarget decimal;

    private IntegerConverter(TypeFamily source, LogicalTypeRoot target, DecimalTarget decimal) {
        this.source = source;
        this.target = target;
        this.decimal = decimal;
    }

    /** Null when the target cannot hold every value of the source type. */
    static ValueConverter create(TypeFamily source, LogicalType target) {
        int bits = source == TypeFamily.INT2 ? 16 : source == TypeFamily.INT8 ? 64 : 32;
        if (source == TypeFamily.OID) {
            bits = 33; // unsigned 32-bit
        }
        LogicalTypeRoot root = target.getTypeRoot();
        switch (root) {
            case SMALLINT:
            case FLOAT:
                return bits <= 16 ? new IntegerConverter(source, root, null) : null;
            case INTEGER:
                return bits <= 32 ? new IntegerConverter(source, root, null) : null;
            case DOUBLE:
                return bits <= 33 ? new IntegerConverter(source, root, null) : null;
            case BIGINT:
            case CHAR:
            case VARCHAR:
                return new IntegerConverter(source, root, null);
            case DECIMAL:
                return new IntegerConverter(
                        source,
                        root,
                        new DecimalTarget(FlinkTypes.precision(target), FlinkTypes.scale(target)));
            default:
                return null;
        }
    }

    @Override
    public Object fromText(byte[] bytes, int offset, int length) {
        return box(TextCursor.parseLong(bytes, offset, length));
    }

    @Override
    public Object fromBinary(byte[] bytes, int offset, int length) {
        switch (source) {
            case INT2:
                BigEndian.requireLength(length, 2, "int2");
                return box(BigEndian.int16(bytes, offset));
            case INT8:
                BigEndian.requireLength(length, 8, "int8");
                return box(BigEndian.int64(bytes, offset));
            case OID:
                BigEndian.requireLength(length, 4, "oid");
                return box(BigEndian.int32(bytes, offset) & 0xffffffffL);
            default:
                BigEndian.requireLength(length, 4, "int4");
                return box(BigEndian.int32(bytes, offset));
        }
    }

    @Override
    public boolean write(
            BinaryRowTarget row, int pos, byte[] bytes, int offset, int length, boolean binary) {
        if (binary && source != TypeFamily.OID) {
            long v;
            switch (source) {
                case INT2:
                    BigEndian.requireLength(length, 2, "int2");
                    v = BigEndian.int16(bytes, offset);
                    break;
                case INT8:
                    BigEndian.requireLength(length, 8, "int8");
                    v = BigEndian.int64(bytes, offset);
                    break;
                default:
                    BigEndian.requireLength(length, 4, "int4");
                    v = BigEndian.int32(bytes, offset);
            }
            switch (target) {
                case SMALLINT:
                    row.writeShort(pos, (short) v);
                    return true;
                case INTEGER:
                    row.writeInt(pos, (int) v);
                    return true;
                case BIGINT:
                    row.writeLong(pos, v);
                    return true;
                default:
                    return false; // read again by fromBinary: nothing was written
            }
        }
        return false;
    }

    private Object box(long v) {
        switch (target) {
            case SMALLINT:
                return (short) v;
            case INTEGER:
                return (int) v;
            case FLOAT:
                return (float) v;
            case DOUBLE:
                return (double) v;
            case DECIMAL:
                return decimal(v);
            case CHAR:
            case VARCHAR:
                return StringData.fromBytes(Long.toString(v).getBytes(StandardCharsets.US_ASCII));
            default:
                return v;
        }
    }

    private DecimalData decimal(long v) {
        return decimal.fromUnscaled(v, 0);
    }
}
