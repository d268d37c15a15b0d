package io.neoncdc.postgres.pgoutput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link Lsn} prints and parses PostgreSQL's {@code %X/%X} form. */
class PgLsnTest {

    @Test
    void formatsLikePostgres() {
        assertThat(Lsn.format(0x16_B374_D848L)).isEqualTo("16/B374D848");
        assertThat(Lsn.format(0x16B_3748L)).isEqualTo("0/16B3748");
        assertThat(Lsn.format(0)).isEqualTo("0/0");
        assertThat(Lsn.format(-1L)).isEqualTo("FFFFFFFF/FFFFFFFF");
    }

    @Test
    void parsesBothCasesAndRoundTrips() {
        assertThat(Lsn.parse("16/B374D848")).isEqualTo(0x16_B374_D848L);
        assertThat(Lsn.parse("0/16b3748")).isEqualTo(0x16B_3748L);
        assertThat(Lsn.parse("FFFFFFFF/FFFFFFFF")).isEqualTo(-1L);
        assertThat(Lsn.parse("00000000/00000001")).isEqualTo(1L);
        for (long lsn : new long[] {0, 1, 0xFFFF_FFFFL, 0x1_0000_0000L, Long.MAX_VALUE, -2L}) {
            assertThat(Lsn.parse(Lsn.format(lsn))).isEqualTo(lsn);
        }
    }

    @Test
    void rejectsNonLsnTextNamingIt() {
        for (String bad :
                new String[] {
                    "",
                    "16",
                    "/1",
                    "1/",
                    "1/2/3",
                    "G/0",
                    "+1/0",
                    "-1/0",
                    " 1/0",
                    "1/0 ",
                    "123456789/0",
                    "0/123456789",
                    "0x1/0"
                }) {
            assertThatThrownBy(() -> Lsn.parse(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Invalid LSN '" + bad + "'");
        }
        assertThatThrownBy(() -> Lsn.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void comparesUnsigned() {
        assertThat(Lsn.compare(1, 2)).isNegative();
        assertThat(Lsn.compare(-1L, 1)).isPositive();
        assertThat(Lsn.compare(5, 5)).isZero();
    }
}
