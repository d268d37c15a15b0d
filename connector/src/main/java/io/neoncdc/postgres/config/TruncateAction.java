package io.neoncdc.postgres.config;

import static org.apache.flink.configuration.description.TextElement.text;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.description.InlineElement;

/** What a TRUNCATE of a captured table does to the stream: {@code truncate.action}. */
@PublicEvolving
public enum TruncateAction implements DescribedEnum {
    FAIL(
            "fail",
            "Fail: a truncate removes rows the stream never names, so emitting nothing would leave"
                    + " them downstream."),
    SKIP("skip", "Log the table and LSN and continue; downstream keeps the truncated rows.");

    private final String value;
    private final String description;

    TruncateAction(String value, String description) {
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
