package io.neoncdc.postgres.convert;

import java.nio.charset.StandardCharsets;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;

/** real and double precision (NaN and ±Infinity included) into FLOAT or DOUBLE. */
final class FloatConverter implements ValueConverter {
    private static final long serialVersionUID = 1L;

    private final boolean sourceIsFloat4;
    private final boolean targetIsFloat;

    private FloatConverter(boolean sourceIsFloat4, boolean targetIsFloat) {
        this.sourceIsFloat4 = sourceIsFloat4;
        this.targetIsFloat = targetIsFloat;
    }

    /** FLOAT holds real only; DOUBLE holds both. STRING uses the text form (null here). */
    static ValueConverter create(TypeFamily source, LogicalType target) {
        boolean float4 = source == TypeFamily.FLOAT4;
        if (target.is(LogicalTypeRoot.DOUBLE)) {
            return new FloatConverter(float4, false);
        }
        if (target.is(LogicalTypeRoot.FLOAT) && float4) {
            return new FloatConverter(true, true);
        }
        return null;
    }

    @Override
    public Object fromText(byte[] bytes, int offset, int length) {
        String s = new String(bytes, offset, length, StandardCharsets.US_ASCII);
        if (sourceIsFloat4) {
            return box(Float.parseFloat(s));
        }
        return Double.parseDouble(s);
    }

    @Override
    public Object fromBinary(byte[] bytes, int offset, int length) {
        if (sourceIsFloat4) {
            BigEndian.requireLength(length, 4, "float4");
            return box(Float.intBitsToFloat(BigEndian.int32(bytes, offset)));
        }
        BigEndian.requireLength(length, 8, "float8");
        return Double.longBitsToDouble(BigEndian.int64(bytes, offset));
    }

    @Override
    public boolean write(
            BinaryRowTarget target, int pos, byte[] bytes, int offset, int length, boolean binary) {
        if (!binary) {
            return false;
        }
        if (sourceIsFloat4) {
            BigEndian.requireLength(length, 4, "float4");
            float f = Float.intBitsToFloat(BigEndian.int32(bytes, offset));
            if (targetIsFloat) {
                target.writeFloat(pos, f);
            } else {
                target.writeDouble(pos, f);
            }
            return true;
        }
        BigEndian.requireLength(length, 8, "float8");
        target.writeDouble(pos, Double.longBitsToDouble(BigEndian.int64(bytes, offset)));
        return true;
    }

    private Object box(float f) {
        return targetIsFloat ? (Object) f : (Object) (double) f;
    }
}
