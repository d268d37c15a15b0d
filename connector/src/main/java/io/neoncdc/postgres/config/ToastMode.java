package io.neoncdc.postgres.config;

import static org.apache.flink.configuration.description.TextElement.text;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.description.InlineElement;

/**
 * What an unchanged TOASTed value becomes when the WAL does not carry it and no old row (REPLICA
 * IDENTITY FULL) has it: {@code toast.unchanged-value}.
 */
@PublicEvolving
public enum ToastMode implements DescribedEnum {
    FAIL("fail", "Fail with the table, column and LSN (default where no state keeps the old row)."),
    PLACEHOLDER(
            "placeholder",
            "Emit 'toast.placeholder' in the column; only for columns declared STRING."),
    NULL("null", "Emit NULL (the value is unknown, not NULL in PostgreSQL)."),
    FILL(
            "fill",
            "Take the value from the row kept per key in Flink state (SQL tables whose old rows"
                    + " come from state; their default).");

    private final String value;
    private final String description;

    ToastMode(String value, String description) {
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
