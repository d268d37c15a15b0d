package io.neoncdc.postgres.datastream;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.config.TopicNaming;
import org.junit.jupiter.api.Test;

/** Topic names of the {@code topic} metadata column and Debezium's {@code source.name}. */
class TopicNamingTest {
    private static final TableId ORDERS = new TableId("public", "orders");

    @Test
    void debeziumStyleWithAndWithoutPrefix() {
        assertThat(new TopicNaming("shop", false).topic("db", ORDERS))
                .isEqualTo("shop.public.orders");
        assertThat(new TopicNaming(null, false).topic("db", ORDERS)).isEqualTo("public.orders");
        assertThat(new TopicNaming("", false).topic("db", ORDERS)).isEqualTo("public.orders");
    }

    @Test
    void databasePrefixGoesInFrontOfTheSchema() {
        assertThat(new TopicNaming("shop", true).topic("neondb", ORDERS))
                .isEqualTo("shop.neondb_public.orders");
        assertThat(new TopicNaming(null, true).topic("neondb", ORDERS))
                .isEqualTo("neondb_public.orders");
    }

    @Test
    void charactersKafkaRejectsBecomeUnderscores() {
        assertThat(
                        new TopicNaming("my prefix", true)
                                .topic("my-db", new TableId("Sales Data", "order$lines")))
                .isEqualTo("my_prefix.my-db_Sales_Data.order_lines");
    }

    @Test
    void serverNameIsThePrefixElseTheDatabase() {
        assertThat(new TopicNaming("shop", true).serverName("neondb")).isEqualTo("shop");
        assertThat(new TopicNaming(null, true).serverName("neondb")).isEqualTo("neondb");
    }
}
