package io.neoncdc.postgres.convert;

import io.neoncdc.postgres.catalog.PgType;
import java.util.List;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;

/**
 * Composite types into ROW, fields matched by name (attributes the ROW lacks are skipped): text
 * {@code (1,"a b",)} where an empty field is NULL; binary int32 count, then per attribute its type
 * OID, int32 length (-1 NULL) and value.
 */
final class CompositeConverter implements ValueConverter {
    private static final long serialVersionUID = 1L;

    /** For each attribute of the composite, the ROW field it fills, or -1. */
    private final int[] rowFieldOfAttribute;

    private final ValueConverter[] converters;
    private final int rowArity;

    private CompositeConverter(int[] rowFieldOfAttribute, ValueConverter[] converters, int arity) {
        this.rowFieldOfAttribute = rowFieldOfAttribute;
        this.converters = converters;
        this.rowArity = arity;
    }

    static ValueConverter create(PgType type, LogicalType target, ConverterFactory factory) {
        if (!(target instanceof RowType)) {
            return null;
        }
        RowType row = (RowType) target;
        List<CompositeTypes.Field> attributes;
        try {
            attributes = factory.composites().fieldsOf(type);
        } catch (IllegalArgumentException e) {
            throw factory.mismatch(type, target, "its attributes are unknown: " + e.getMessage());
        }
        int[] mapping = new int[attributes.size()];
        ValueConverter[] converters = new ValueConverter[attributes.size()];
        java.util.Arrays.fill(mapping, -1);
        List<String> names = row.getFieldNames();
        for (int f = 0; f < names.size(); f++) {
            int a = attributeIndex(attributes, names.get(f));
            if (a < 0) {
                throw factory.mismatch(
                        type, target, "the composite type has no attribute " + names.get(f));
            }
            mapping[a] = f;
            converters[a] = factory.create(attributes.get(a).type(), row.getTypeAt(f));
        }
        return new CompositeConverter(mapping, converters, names.size());
    }

    private static int attributeIndex(List<CompositeTypes.Field> attributes, String name) {
        for (int i = 0; i < attributes.size(); i++) {
            if (attributes.get(i).name().equals(name)) {
                return i;
            }
        }
        for (int i = 0; i < attributes.size(); i++) {
            if (attributes.get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Object fromText(byte[] bytes, int offset, int length) {
        GenericRowData row = new GenericRowData(rowArity);
        TextToken t = new TextToken(bytes, offset, length);
        t.expect('(');
        for (int a = 0; a < converters.length; a++) {
            if (a > 0) {
                t.expect(',');
            }
            t.read(",)", false, true);
            boolean isNull = t.length == 0 && !t.quoted;
            if (rowFieldOfAttribute[a] >= 0 && !isNull) {
                row.setField(
                        rowFieldOfAttribute[a],
                        converters[a].fromText(t.array, t.offset, t.length));
            }
        }
        t.expect(')');
        if (!t.atEnd()) {
            throw t.error("text after the record");
        }
        return row;
    }

    @Override
    public Object fromBinary(byte[] bytes, int offset, int length) {
        int end = offset + length;
        BigEndian.requireAvailable(offset, 4, end, "record");
        int count = BigEndian.int32(bytes, offset);
        if (count != converters.length) {
            throw new ValueConversionException(
                    "record has " + count + " attributes, the type had " + converters.length);
        }
        GenericRowData row = new GenericRowData(rowArity);
        int p = offset + 4;
        for (int a = 0; a < count; a++) {
            BigEndian.requireAvailable(p, 8, end, "record");
            int len = BigEndian.int32(bytes, p + 4);
            p += 8;
            if (len < -1) {
                throw new ValueConversionException("record attribute length " + len);
            }
            if (len >= 0) {
                BigEndian.requireAvailable(p, len, end, "record");
                if (rowFieldOfAttribute[a] >= 0) {
                    row.setField(rowFieldOfAttribute[a], converters[a].fromBinary(bytes, p, len));
                }
                p += len;
            }
        }
        return row;
    }

    @Override
    public boolean hasBinary() {
        for (ValueConverter c : converters) {
            if (c != null && !c.hasBinary()) {
                return false;
            }
        }
        return true;
    }
}
