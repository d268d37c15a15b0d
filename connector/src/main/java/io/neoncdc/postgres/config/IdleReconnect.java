package io.neoncdc.postgres.config;

import static org.apache.flink.configuration.description.TextElement.text;

import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.description.InlineElement;

/**
 * When an idle-disconnected stream looks for new WAL: {@code neon.idle-disconnect.reconnect-at}.
 */
@Internal
public enum IdleReconnect implements DescribedEnum {
    INTERVAL("interval", "As soon as 'neon.idle-disconnect.reconnect-interval' has passed."),
    CHECKPOINT(
            "checkpoint",
            "At the first checkpoint that completes after the interval has passed, so the"
                    + " compute wakes when the job checkpoints anyway.");

    private final String value;
    private final String description;

    IdleReconnect(String value, String description) {
        this.value = value;
        this.description = description;
    }

    @Override
    public String toString() {
        return value;
    }

    @Override
    public InlineElement getDescription() {
        return text(description);
    }
}
