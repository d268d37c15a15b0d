package io.neoncdc.postgres.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link VisibilitySnapshot} parses PostgreSQL's text form, judges visibility and extends xids. */
class VisibilitySnapshotTest {
    private static final long EPOCH = 1L << 32;

    @Test
    void parsesAndPrintsPostgresTextForm() {
        VisibilitySnapshot s = VisibilitySnapshot.parse("100:105:103,101");
        assertThat(s.xmin()).isEqualTo(100);
        assertThat(s.xmax()).isEqualTo(105);
        assertThat(s.xip()).containsExactly(101, 103);
        assertThat(s).hasToString("100:105:101,103");
        assertThat(VisibilitySnapshot.parse("7:7:")).hasToString("7:7:");
        assertThat(VisibilitySnapshot.parse("7:7:").xip()).isEmpty();
        assertThat(VisibilitySnapshot.parse(s.toString())).isEqualTo(s);
        String big = (5 * EPOCH + 3) + ":" + (5 * EPOCH + 9) + ":" + (5 * EPOCH + 4);
        assertThat(VisibilitySnapshot.parse(big)).hasToString(big);
    }

    @Test
    void rejectsTextThatIsNoSnapshot() {
        for (String bad : new String[] {"", "1:2", "1:2:3:4", "a:2:", "1:2:x"}) {
            assertThatThrownBy(() -> VisibilitySnapshot.parse(bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void seesAtTheEdges() {
        VisibilitySnapshot s = VisibilitySnapshot.parse("100:105:100,103");
        assertThat(s.sees(1)).as("long committed").isTrue();
        assertThat(s.sees(99)).as("below xmin").isTrue();
        assertThat(s.sees(100)).as("xmin, still running").isFalse();
        assertThat(s.sees(101)).as("between, not in xip").isTrue();
        assertThat(s.sees(103)).as("in xip").isFalse();
        assertThat(s.sees(104)).as("just below xmax").isTrue();
        assertThat(s.sees(105)).as("xmax").isFalse();
        assertThat(s.sees(106)).as("above xmax").isFalse();
        VisibilitySnapshot noneRunning = VisibilitySnapshot.parse("200:203:");
        assertThat(noneRunning.sees(200)).as("xmin not in xip").isTrue();
        assertThat(noneRunning.sees(202)).isTrue();
        assertThat(noneRunning.sees(203)).isFalse();
    }

    @Test
    void extendsWithinTheSnapshotsEpoch() {
        VisibilitySnapshot s =
                VisibilitySnapshot.parse((3 * EPOCH + 1000) + ":" + (3 * EPOCH + 1010) + ":");
        assertThat(s.extend(1005)).isEqualTo(3 * EPOCH + 1005);
        assertThat(s.extend(1_000_000)).isEqualTo(3 * EPOCH + 1_000_000);
        assertThat(s.extend(3 * EPOCH + 999))
                .as("ignores bits above 32")
                .isEqualTo(3 * EPOCH + 999);
    }

    @Test
    void extendsAcrossTheEpochBoundaryBackwards() {
        // xmax just past the wraparound, a transaction from just before it.
        VisibilitySnapshot s =
                VisibilitySnapshot.parse((EPOCH - 6) + ":" + (EPOCH + 4) + ":" + (EPOCH - 1));
        assertThat(s.extend(0xFFFF_FFFFL)).isEqualTo(EPOCH - 1);
        assertThat(s.extend(0xFFFF_FFFAL)).isEqualTo(EPOCH - 6);
        assertThat(s.extend(3)).isEqualTo(EPOCH + 3);
        assertThat(s.sees(s.extend(0xFFFF_FFFFL))).as("in xip").isFalse();
        assertThat(s.sees(s.extend(0xFFFF_FFFBL))).isTrue();
        assertThat(s.sees(s.extend(0xFFFF_FFF0L))).as("below xmin").isTrue();
        assertThat(s.sees(s.extend(3))).isTrue();
        assertThat(s.sees(s.extend(4))).as("xmax").isFalse();
        assertThat(s.sees(s.extend(5))).isFalse();
    }

    @Test
    void extendsAcrossTheEpochBoundaryForwards() {
        // xmax just before the wraparound, a transaction that started after it.
        VisibilitySnapshot s = VisibilitySnapshot.parse((EPOCH - 10) + ":" + (EPOCH - 2) + ":");
        assertThat(s.extend(3)).isEqualTo(EPOCH + 3);
        assertThat(s.extend(0xFFFF_FFFFL)).isEqualTo(EPOCH - 1);
        assertThat(s.sees(s.extend(3))).as("after the wrap, so after xmax").isFalse();
        assertThat(s.sees(s.extend(0xFFFF_FFFFL))).isFalse();
        assertThat(s.sees(s.extend(0xFFFF_FFF0L))).isTrue();
    }

    @Test
    void extendsToTheNearestEpochHalfAWrapAway() {
        VisibilitySnapshot s =
                VisibilitySnapshot.parse((2 * EPOCH + 10) + ":" + (2 * EPOCH + 10) + ":");
        long halfWrapAhead = 10 + (1L << 31);
        assertThat(s.extend(halfWrapAhead)).isEqualTo(2 * EPOCH + halfWrapAhead);
        assertThat(s.extend(halfWrapAhead + 1)).isEqualTo(EPOCH + halfWrapAhead + 1);
    }

    @Test
    void xipIsACopy() {
        long[] xip = {5, 3};
        VisibilitySnapshot s = new VisibilitySnapshot(1, 9, xip);
        xip[0] = 4;
        s.xip()[0] = 4;
        assertThat(s.sees(4)).isTrue();
        assertThat(s.sees(5)).isFalse();
        assertThat(s).isEqualTo(new VisibilitySnapshot(1, 9, new long[] {3, 5}));
    }
}
