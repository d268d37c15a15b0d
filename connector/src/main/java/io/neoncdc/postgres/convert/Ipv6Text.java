package io.neoncdc.postgres.convert;

/**
 * PostgreSQL's IPv6 presentation ({@code inet_net_ntop}): lower-case hex words, the longest run (at
 * least two, first on ties) of zero words as {@code ::}, and an embedded IPv4 address for {@code
 * ::a.b.c.d} and {@code ::ffff:a.b.c.d}.
 */
final class Ipv6Text {
    private static final int WORDS = 8;

    private Ipv6Text() {}

    static void append(StringBuilder sb, byte[] b, int off) {
        int[] words = new int[WORDS];
        for (int i = 0; i < WORDS; i++) {
            words[i] = ((b[off + 2 * i] & 0xff) << 8) | (b[off + 2 * i + 1] & 0xff);
        }
        int bestBase = -1;
        int bestLength = 0;
        int runBase = -1;
        for (int i = 0; i <= WORDS; i++) {
            if (i < WORDS && words[i] == 0) {
                if (runBase < 0) {
                    runBase = i;
                }
            } else if (runBase >= 0) {
                if (i - runBase > bestLength) {
                    bestBase = runBase;
                    bestLength = i - runBase;
                }
                runBase = -1;
            }
        }
        if (bestLength < 2) {
            bestBase = -1;
        }
        for (int i = 0; i < WORDS; i++) {
            if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLength) {
                if (i == bestBase) {
                    sb.append(':');
                }
                continue;
            }
            if (i != 0) {
                sb.append(':');
            }
            if (i == 6 && bestBase == 0 && embedsIpv4(bestLength, words)) {
                for (int k = 12; k < 16; k++) {
                    sb.append(k == 12 ? "" : ".").append(b[off + k] & 0xff);
                }
                return;
            }
            sb.append(Integer.toHexString(words[i]));
        }
        if (bestBase >= 0 && bestBase + bestLength == WORDS) {
            sb.append(':');
        }
    }

    private static boolean embedsIpv4(int zeroWords, int[] words) {
        return zeroWords == 6
                || (zeroWords == 7 && words[7] != 1)
                || (zeroWords == 5 && words[5] == 0xffff);
    }
}
