package io.neoncdc.postgres.convert;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Hand-made binary send forms of PostgreSQL values, for converter tests. */
final class Wire {
    private Wire() {}

    static byte[] i16(int v) {
        return ByteBuffer.allocate(2).putShort((short) v).array();
    }

    static byte[] i32(int v) {
        return ByteBuffer.allocate(4).putInt(v).array();
    }

    static byte[] i64(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    static byte[] f4(float v) {
        return ByteBuffer.allocate(4).putFloat(v).array();
    }

    static byte[] f8(double v) {
        return ByteBuffer.allocate(8).putDouble(v).array();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] hex(String hex) {
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.write(p, 0, p.length);
        }
        return out.toByteArray();
    }

    /** numeric_send of a special value: sign 0xC000 NaN, 0xD000 +Inf, 0xF000 -Inf. */
    static byte[] numericSpecial(int sign) {
        return concat(i16(0), i16(0), i16(sign), i16(0));
    }

    /** numeric_send of a plain decimal string; dscale = its fraction digits. */
    static byte[] numeric(String value) {
        BigDecimal v = new BigDecimal(value);
        int dscale = Math.max(v.scale(), 0);
        String plain = v.abs().toPlainString();
        String intPart = plain.contains(".") ? plain.substring(0, plain.indexOf('.')) : plain;
        String frac = plain.contains(".") ? plain.substring(plain.indexOf('.') + 1) : "";
        while (intPart.length() % 4 != 0) {
            intPart = "0" + intPart;
        }
        while (frac.length() % 4 != 0) {
            frac = frac + "0";
        }
        String all = intPart + frac;
        List<Integer> groups = new ArrayList<>();
        for (int i = 0; i < all.length(); i += 4) {
            groups.add(Integer.parseInt(all.substring(i, i + 4)));
        }
        int weight = intPart.length() / 4 - 1;
        while (!groups.isEmpty() && groups.get(0) == 0) {
            groups.remove(0);
            weight--;
        }
        while (!groups.isEmpty() && groups.get(groups.size() - 1) == 0) {
            groups.remove(groups.size() - 1);
        }
        if (groups.isEmpty()) {
            weight = 0;
        }
        ByteBuffer b = ByteBuffer.allocate(8 + 2 * groups.size());
        b.putShort((short) groups.size()).putShort((short) weight);
        b.putShort((short) (v.signum() < 0 ? 0x4000 : 0)).putShort((short) dscale);
        for (int g : groups) {
            b.putShort((short) g);
        }
        return b.array();
    }
}
