package io.neoncdc.postgres.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Typos the capture list's "similar relations" hint catches, and names it leaves alone. */
class NameDistanceTest {

    @Test
    void editDistance() {
        assertThat(NameDistance.distance("ordrs", "orders")).isEqualTo(1);
        assertThat(NameDistance.distance("orders", "ordres")).isEqualTo(2);
        assertThat(NameDistance.distance("", "abc")).isEqualTo(3);
        assertThat(NameDistance.distance("kitten", "sitting")).isEqualTo(3);
    }

    @Test
    void typosAndCaseAreNear() {
        assertThat(NameDistance.isNear("ordrs", "orders")).isTrue();
        assertThat(NameDistance.isNear("Orders", "orders")).isTrue();
        assertThat(NameDistance.isNear("order_itmes", "order_items")).isTrue();
        assertThat(NameDistance.isNear("custmer", "customers")).isTrue();
    }

    @Test
    void differentNamesAreNot() {
        assertThat(NameDistance.isNear("orders", "events")).isFalse();
        assertThat(NameDistance.isNear("t1", "t22")).isFalse();
        assertThat(NameDistance.isNear("abc", "xyz")).isFalse();
        assertThat(NameDistance.isNear("orders", "orders_archive")).isFalse();
    }
}
