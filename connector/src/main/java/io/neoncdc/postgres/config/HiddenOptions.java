package io.neoncdc.postgres.config;

import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * Options for tests, benchmarks and escape hatches: read like any other option (DataStream {@code
 * option(key, value)}), but not offered by the SQL factory nor listed in the README.
 */
@Internal
public final class HiddenOptions {
    private HiddenOptions() {}

    public static final ConfigOption<Boolean> PGOUTPUT_BINARY =
            ConfigOptions.key("pgoutput.binary")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Stream values in pgoutput's binary form where possible (PostgreSQL"
                                    + " 14+); false streams text values only: an escape hatch and"
                                    + " the switch of the text-vs-binary throughput measurement.");
}
