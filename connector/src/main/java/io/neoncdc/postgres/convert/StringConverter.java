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
        checkJsonbVersion(bytes, offset, length);
        return TextFormConverter.copy(bytes, offset + 1, length - 1);
    }

    @Override
    public boolean write(
            BinaryRowTarget target, int pos, byte[] bytes, int offset, int length, boolean binary) {
        if (binary && jsonb) {
            checkJsonbVersion(bytes, offset, length);
            target.writeUtf8(pos, bytes, offset + 1, length - 1);
        } else {
            target.writeUtf8(pos, bytes, offset, length);
        }
        return true;
    }

    private static void checkJsonbVersion(byte[] bytes, int offset, int length) {
        if (length < 1 || bytes[offset] != JSONB_VERSION) {
            throw new ValueConversionException(
                    "unsupported binary jsonb version "
                            + (length < 1 ? "(empty value)" : Integer.toString(bytes[offset])));
        }
    }
}
