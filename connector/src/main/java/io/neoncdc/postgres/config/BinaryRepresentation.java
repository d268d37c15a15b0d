package io.neoncdc.postgres.config;

import static org.apache.flink.configuration.description.TextElement.text;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.description.InlineElement;

/** How bytea declared STRING is written: {@code binary.representation}. */
@PublicEvolving
public enum BinaryRepresentation implements DescribedEnum {
    BYTES("bytes", "PostgreSQL's \\x hex text."),
    BASE64("base64", "Base64 (RFC 4648)."),
    BASE64_URL_SAFE("base64-url-safe", "URL-safe base64 (RFC 4648 §5)."),
    HEX("hex", "Lower-case hex digits without a prefix.");

    private final String value;
    private final String description;

    BinaryRepresentation(String value, String description) {
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
