package io.neoncdc.postgres.config;

import static org.apache.flink.configuration.description.TextElement.text;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.description.InlineElement;

/** Whether the connector creates a missing publication: {@code publication.auto-create}. */
@PublicEvolving
public enum PublicationAutoCreate implements DescribedEnum {
    FILTERED(
            "filtered",
            "CREATE PUBLICATION … FOR TABLE <captured tables> WITH (publish_via_partition_root ="
                    + " true) when missing; tables added to the capture list are added to it."),
    ALL_TABLES("all-tables", "CREATE PUBLICATION … FOR ALL TABLES when missing."),
    DISABLED("disabled", "Never create or change a publication; a missing one is an error.");

    private final String value;
    private final String description;

    PublicationAutoCreate(String value, String description) {
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
