package io.neoncdc.postgres.config;

import static org.apache.flink.configuration.description.TextElement.text;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.description.InlineElement;

/** Which row kinds the source emits: {@code changelog-mode}. */
@PublicEvolving
public enum ChangelogMode implements DescribedEnum {
    ALL(
            "all",
            "+I, -U, +U, -D with whole old rows: from the WAL with REPLICA IDENTITY FULL, else"
                    + " from Flink keyed state (SQL tables)."),
    UPSERT("upsert", "+I, +U, -D keyed by the primary key: needs a declared PRIMARY KEY.");

    private final String value;
    private final String description;

    ChangelogMode(String value, String description) {
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
