package io.neoncdc.postgres.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@link JavaKeyOrder} places keys among chunk bounds in PostgreSQL's order: a key equal to a
 * chunk's exclusive upper bound belongs to the next chunk.
 */
class JavaKeyOrderTest {
    private static final String MAX_UUID = "ffffffff-ffff-ffff-ffff-ffffffffffff";

    @Test
    void integerKeysCompareAsNumbersNotText() {
        JavaKeyOrder order = single("int8", false, "-10", "0", "9", "100");
        assertThat(chunkOf(order, String.valueOf(Long.MIN_VALUE))).isEqualTo(0);
        assertThat(chunkOf(order, "-11")).isEqualTo(0);
        assertThat(chunkOf(order, "-10")).as("equal to an upper bound").isEqualTo(1);
        assertThat(chunkOf(order, "-1")).isEqualTo(1);
        assertThat(chunkOf(order, "0")).isEqualTo(2);
        assertThat(chunkOf(order, "8")).isEqualTo(2);
        assertThat(chunkOf(order, "10")).as("10 > 9 although '10' < '9'").isEqualTo(3);
        assertThat(chunkOf(order, "99")).isEqualTo(3);
        assertThat(chunkOf(order, "100")).isEqualTo(4);
        assertThat(chunkOf(order, String.valueOf(Long.MAX_VALUE))).isEqualTo(4);
        JavaKeyOrder oids = single("oid", false, "2147483648");
        assertThat(chunkOf(oids, "2147483647")).isEqualTo(0);
        assertThat(chunkOf(oids, "4294967295")).isEqualTo(1);
    }

    @Test
    void numericOrdersInfinitiesAndNanLikePostgres() {
        // PostgreSQL: -Infinity < every number < Infinity < NaN.
        JavaKeyOrder order = single("numeric", false, "-1.5", "10", "Infinity", "NaN");
        assertThat(chunkOf(order, "-Infinity")).isEqualTo(0);
        assertThat(chunkOf(order, "-1000000000000000000000000.5")).isEqualTo(0);
        assertThat(chunkOf(order, "-1.50")).as("same value, other scale").isEqualTo(1);
        assertThat(chunkOf(order, "9.999999999999999999999")).isEqualTo(1);
        assertThat(chunkOf(order, "10.000")).isEqualTo(2);
        assertThat(chunkOf(order, "1e30")).isEqualTo(2);
        assertThat(chunkOf(order, "Infinity")).isEqualTo(3);
        assertThat(chunkOf(order, "NaN")).isEqualTo(4);
        assertThat(chunkOf(single("numeric", false, "NaN"), "Infinity")).isEqualTo(0);
        assertThat(chunkOf(single("numeric", false, "-Infinity"), "-Infinity")).isEqualTo(1);
    }

    @Test
    void uuidOrdersAsUnsignedBytes() {
        // java.util.UUID#compareTo is signed and would put 8000… before 7fff….
        JavaKeyOrder order = single("uuid", false, "80000000-0000-0000-0000-000000000000");
        assertThat(chunkOf(order, "7fffffff-ffff-ffff-ffff-ffffffffffff")).isEqualTo(0);
        assertThat(chunkOf(order, "80000000-0000-0000-0000-000000000000")).isEqualTo(1);
        assertThat(chunkOf(order, "A0000000-0000-0000-0000-000000000000")).isEqualTo(1);
        assertThat(chunkOf(order, MAX_UUID)).isEqualTo(1);
        JavaKeyOrder low = single("uuid", false, "00000000-0000-0000-0000-00000000000a");
        assertThat(chunkOf(low, "00000000-0000-0000-0000-000000000009")).isEqualTo(0);
        assertThat(chunkOf(low, "00000000-0000-0000-0000-00000000000A")).isEqualTo(1);
    }

    @Test
    void byteOrderTextComparesCodePointsNotUtf16Units() {
        // U+FFFD < U+1F600 in code points (and UTF-8 bytes), but String#compareTo sees the
        // surrogate 0xD83D and puts the emoji first.
        assertThat("\uFFFD".compareTo("\uD83D\uDE00")).isPositive();
        JavaKeyOrder order = single("text", true, "B", "a", "\uFFFD", "\uD83D\uDE00");
        assertThat(chunkOf(order, "")).isEqualTo(0);
        assertThat(chunkOf(order, "A")).isEqualTo(0);
        assertThat(chunkOf(order, "B")).isEqualTo(1);
        assertThat(chunkOf(order, "Z")).as("C collation: upper case first").isEqualTo(1);
        assertThat(chunkOf(order, "a")).isEqualTo(2);
        assertThat(chunkOf(order, "\u00e9")).isEqualTo(2);
        assertThat(chunkOf(order, "\uFFFC")).isEqualTo(2);
        assertThat(chunkOf(order, "\uFFFD")).isEqualTo(3);
        assertThat(chunkOf(order, "\uFFFD\uD83D\uDE00")).isEqualTo(3);
        assertThat(chunkOf(order, "\uD83D\uDE00")).isEqualTo(4);
        assertThat(chunkOf(order, "\uD83D\uDE01")).isEqualTo(4);
        JavaKeyOrder prefix = single("varchar", true, "ab");
        assertThat(chunkOf(prefix, "a")).as("a prefix sorts first").isEqualTo(0);
        assertThat(chunkOf(prefix, "ab")).isEqualTo(1);
        assertThat(chunkOf(prefix, "ab\u0001")).isEqualTo(1);
        assertThat(chunkOf(single("name", true, "m"), "l")).isEqualTo(0);
    }

    @Test
    void compositeKeysCompareColumnByColumn() {
        JavaKeyOrder order =
                JavaKeyOrder.forTypes(
                        List.of("text", "int8"),
                        List.of(true, false),
                        List.of(
                                new String[] {"acme", "1000"},
                                new String[] {"acme", "9999"},
                                new String[] {"beta", "0"}));
        assertThat(order.chunkOf(new String[] {"ab", "5"})).isEqualTo(0);
        assertThat(order.chunkOf(new String[] {"acme", "200"})).as("200 < 1000").isEqualTo(0);
        assertThat(order.chunkOf(new String[] {"acme", "1000"})).isEqualTo(1);
        assertThat(order.chunkOf(new String[] {"acme", "99999"})).isEqualTo(2);
        assertThat(order.chunkOf(new String[] {"beta", "-1"})).isEqualTo(2);
        assertThat(order.chunkOf(new String[] {"beta", "0"})).isEqualTo(3);
        assertThat(order.chunkOf(new String[] {"zeta", "-5"})).isEqualTo(3);
    }

    @Test
    void oneChunkHoldsEveryKey() {
        JavaKeyOrder order = JavaKeyOrder.forTypes(List.of("int4"), List.of(false), List.of());
        assertThat(order.chunkOf(new String[] {"42"})).isZero();
        JavaKeyOrder keyless = JavaKeyOrder.forTypes(List.of(), List.of(), List.of());
        assertThat(keyless.chunkOf(new String[0])).isZero();
    }

    @Test
    void noOrderForTypesJavaCannotReproduce() {
        for (String type :
                new String[] {"timestamp", "timestamptz", "date", "bpchar", "bytea", "citext"}) {
            assertThat(JavaKeyOrder.forTypes(List.of(type), List.of(true), List.of()))
                    .as(type)
                    .isNull();
        }
        assertThat(JavaKeyOrder.forTypes(List.of("text"), List.of(false), List.of()))
                .as("text under a linguistic collation")
                .isNull();
        assertThat(JavaKeyOrder.forTypes(List.of("varchar"), List.of(false), List.of())).isNull();
        assertThat(JavaKeyOrder.forTypes(List.of("int8", "text"), List.of(false, false), List.of()))
                .as("one unorderable column spoils the composite")
                .isNull();
    }

    private static JavaKeyOrder single(String type, boolean byteOrder, String... uppers) {
        return JavaKeyOrder.forTypes(
                List.of(type),
                List.of(byteOrder),
                Arrays.stream(uppers).map(u -> new String[] {u}).collect(Collectors.toList()));
    }

    private static int chunkOf(JavaKeyOrder order, String key) {
        return order.chunkOf(new String[] {key});
    }
}
