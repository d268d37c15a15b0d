package io.neoncdc.postgres.config;

import static org.apache.flink.configuration.description.TextElement.text;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.description.InlineElement;

/** What to do when the slot lost changes the job still needs: {@code slot.lost-action}. */
@PublicEvolving
public enum SlotLostAction implements DescribedEnum {
    FAIL("fail", "Fail with an explanation of what happened and how to recover."),
    RESNAPSHOT(
            "resnapshot",
            "Create the slot again, re-read the captured tables and continue (upsert-correct, not"
                    + " exactly-once: rows changed in the gap are re-emitted as inserts).");

    private final String value;
    private final String description;

    SlotLostAction(String value, String description) {
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
