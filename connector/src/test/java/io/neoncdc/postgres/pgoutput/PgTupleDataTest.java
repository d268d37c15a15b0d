package io.neoncdc.postgres.pgoutput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link TupleData} accessors: unchanged TOAST is never mistaken for NULL, indexes are checked. */
class PgTupleDataTest {

    private static TupleData tuple(Object... columns) {
        InsertMessage insert =
                (InsertMessage)
                        new PgOutputDecoder()
                                .decode(
                                        FrameBuilder.message('I')
                                                .int32(1)
                                                .int8('N')
                                                .tuple(columns)
                                                .buffer(),
                                        1L);
        return insert.newTuple();
    }

    @Test
    void unchangedToastHasNoBytesAndIsNotNull() {
        TupleData tuple = tuple(FrameBuilder.UNCHANGED);
        assertThat(tuple.isNull(0)).isFalse();
        assertThat(tuple.offset(0)).isEqualTo(-1);
        assertThat(tuple.length(0)).isEqualTo(-1);
        assertThatThrownBy(() -> tuple.text(0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unchanged TOAST");
        assertThatThrownBy(() -> tuple.copyBytes(0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void indexesAreChecked() {
        TupleData tuple = tuple("a");
        assertThatThrownBy(() -> tuple.kind(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> tuple.offset(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> tuple().length(0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void toStringCutsLongValues() {
        String text = tuple("x".repeat(100), new byte[40]).toString();
        assertThat(text).startsWith("(t:'" + "x".repeat(64) + "…', b:0x" + "00".repeat(32) + "…)");
    }

    @Test
    void copyBytesIsACopy() {
        TupleData tuple = tuple(new byte[] {7});
        byte[] copy = tuple.copyBytes(0);
        copy[0] = 9;
        assertThat(tuple.copyBytes(0)).containsExactly(7);
        assertThat(tuple.array()[tuple.offset(0)]).isEqualTo((byte) 7);
    }
}
