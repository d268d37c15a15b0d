package io.neoncdc.postgres.config;

import static org.apache.flink.configuration.description.TextElement.text;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.description.InlineElement;

/** SCRAM channel binding of every connection: {@code ssl.channel-binding}, as libpq's option. */
@PublicEvolving
public enum ChannelBinding implements DescribedEnum {
    DISABLE("disable"),
    PREFER("prefer"),
    REQUIRE("require");

    private final String value;

    ChannelBinding(String value) {
        this.value = value;
    }

    /** The pgjdbc {@code channelBinding} / libpq {@code channel_binding} value. */
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }

    @Override
    public InlineElement getDescription() {
        return text(value);
    }
}
