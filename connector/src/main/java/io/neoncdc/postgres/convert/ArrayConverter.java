package io.neoncdc.postgres.convert;

import io.neoncdc.postgres.catalog.PgType;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;

/**
 * Arrays into ARRAY<…>; an n-dimensional value needs n nested ARRAYs in the declared type (lower
 * bounds are dropped, NULL elements kept; an empty array fits any depth).
 */
final class ArrayConverter implements ValueConverter {
    private static final long serialVersionUID = 1L;

    private final ValueConverter element;
    private final int depth;
    private final char delimiter;

    private ArrayConverter(ValueConverter element, int depth, char delimiter) {
        this.element = element;
        this.depth = depth;
        this.delimiter = delimiter;
    }

    static ValueConverter create(PgType arrayType, LogicalType target, ConverterFactory factory) {
        if (!target.is(LogicalTypeRoot.ARRAY)) {
            return null;
        }
        int depth = 0;
        LogicalType inner = target;
        while (inner.is(LogicalTypeRoot.ARRAY)) {
            inner = ((ArrayType) inner).getElementType();
            depth++;
        }
        PgType elementType = arrayType.element();
        ValueConverter element = factory.create(elementType, inner);
        // box is the only built-in type whose array delimiter (typdelim) is not a comma
        char delimiter = elementType.resolveDomain().name().equals("box") ? ';' : ',';
        return new ArrayConverter(element, depth, delimiter);
    }

    @Override
    public Object fromText(byte[] bytes, int offset, int length) {
        return ArrayText.parse(bytes, offset, length, depth, delimiter, element);
    }

    @Override
    public Object fromBinary(byte[] bytes, int offset, int length) {
        int end = offset + length;
        BigEndian.requireAvailable(offset, 12, end, "array");
        int ndim = BigEndian.int32(bytes, offset);
        if (ndim == 0) {
            return new GenericArrayData(new Object[0]);
        }
        checkDimensions(ndim);
        int[] dims = new int[ndim];
        int pos = offset + 12;
        BigEndian.requireAvailable(pos, 8 * ndim, end, "array");
        long total = 1;
        for (int d = 0; d < ndim; d++) {
            dims[d] = BigEndian.int32(bytes, pos + 8 * d);
            total *= Math.max(dims[d], 0);
            // every element needs at least its 4-byte length: bounds allocations by real data
            if (dims[d] < 0 || total > (end - pos) / 4) {
                throw new ValueConversionException("binary array has bad dimensions");
            }
        }
        int[] cursor = {pos + 8 * ndim};
        Object result = level(bytes, cursor, end, dims, 0);
        if (cursor[0] != end) {
            throw new ValueConversionException("binary array has trailing bytes");
        }
        return result;
    }

    private GenericArrayData level(byte[] b, int[] cursor, int end, int[] dims, int d) {
        Object[] values = new Object[dims[d]];
        for (int i = 0; i < values.length; i++) {
            if (d + 1 < dims.length) {
                values[i] = level(b, cursor, end, dims, d + 1);
                continue;
            }
            int p = cursor[0];
            BigEndian.requireAvailable(p, 4, end, "array");
            int len = BigEndian.int32(b, p);
            p += 4;
            if (len >= 0) {
                BigEndian.requireAvailable(p, len, end, "array");
                values[i] = element.fromBinary(b, p, len);
                p += len;
            } else if (len != -1) {
                throw new ValueConversionException("binary array element length " + len);
            }
            cursor[0] = p;
        }
        return new GenericArrayData(values);
    }

    void checkDimensions(int ndim) {
        if (ndim != depth) {
            throw new ValueConversionException(
                    "an array value with "
                            + ndim
                            + " dimension(s) cannot be held by the declared type with "
                            + depth
                            + " nested ARRAY(s)");
        }
    }

    @Override
    public boolean hasBinary() {
        return element.hasBinary();
    }
}
