package io.neoncdc.postgres.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

/** Asserts a converter's text and binary paths, also on slices inside larger arrays. */
final class ConverterAssertions {
    private ConverterAssertions() {}

    static void assertConverts(ValueConverter c, String text, byte[] binary, Object expected) {
        byte[] t = text.getBytes(StandardCharsets.UTF_8);
        assertThat(c.fromText(embed(t), 3, t.length)).as("from text").isEqualTo(expected);
        if (binary != null) {
            assertThat(c.hasBinary()).as("has binary").isTrue();
            assertThat(c.fromBinary(embed(binary), 3, binary.length))
                    .as("from binary")
                    .isEqualTo(expected);
        }
    }

    /** The value at offset 3 of a larger array with garbage around it. */
    static byte[] embed(byte[] value) {
        byte[] out = new byte[value.length + 6];
        java.util.Arrays.fill(out, (byte) 0x7f);
        System.arraycopy(value, 0, out, 3, value.length);
        return out;
    }
}
