package io.neoncdc.postgres.config;

import static org.apache.flink.configuration.description.TextElement.text;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.description.InlineElement;

/**
 * How Debezium JSON writes numeric, decimal and money values: {@code
 * debezium.decimal.handling.mode}, with the values and default of Debezium's {@code
 * decimal.handling.mode}.
 */
@PublicEvolving
public enum DecimalHandlingMode implements DescribedEnum {
    PRECISE(
            "precise",
            "Debezium's default: base64 of the unscaled value's big-endian two's-complement bytes"
                    + " (Kafka Connect Decimal); unconstrained numeric as {\"scale\": s, \"value\":"
                    + " base64} (VariableScaleDecimal)."),
    DOUBLE("double", "A JSON number (may lose precision)."),
    STRING("string", "A JSON string with the plain decimal text, e.g. \"1234.50\".");

    private final String value;
    private final String description;

    DecimalHandlingMode(String value, String description) {
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
