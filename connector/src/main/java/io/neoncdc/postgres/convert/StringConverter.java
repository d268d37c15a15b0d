package io.neoncdc.postgres.convert;

import org.apache.flink.table.types.logical.LogicalType;

/**
 * Types whose binary form is their UTF-8 text: text, varchar, char(n), name, citext, json, enums,
 * and jsonb (one version byte, 1, before the text).
 */
final class StringConverter implements ValueConverter {
    private static final long serialVersionUID = 1L;
    private static final int JSONB_VERSION = 1;

    private final boolean jsonb;

    private StringConverter(boolean jsonb) {
        this.jsonb = jsonb;
    }

    /** STRING targets only; null for anything else. */
    static ValueConverter create(TypeFamily family, LogicalType target) {
        if (!FlinkTypes.isString(target)) {
            return null;
        }
        return new StringConverter(family == TypeFamily.JSONB);
    }

    @Override
    public Object fromText(byte[] bytes, int offset, int length) {
        return TextFormConverter.copy(bytes, offset, length);
    }

    @Override
    public Object fromBinary(byte[] bytes, int offset, int length) {
        if (!jsonb) {
            return TextFormConverter.copy(bytes, offset, length);
        }
        if (length < 1 || bytes[offset] != JSONB_VERSION) {
            throw new ValueConversionException(
                    "unsupported binary jsonb version "
                            + (length < 1 ? "(empty value)" : Integer.toString(bytes[offset])));
        }
        return TextFormConverter.copy(bytes, offset + 1, length - 1);
    }
}
