package io.neoncdc.postgres.validation;

import static io.neoncdc.postgres.validation.TableSourceFactoryHarness.create;
import static io.neoncdc.postgres.validation.TableSourceFactoryHarness.validOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/** Topic, slot-health and Debezium options: accepted where they apply, rejected where not. */
class DataStreamOptionsValidationTest {

    @Test
    void topicAndSlotHealthOptionsAreSqlOptions() {
        Map<String, String> options = validOptions();
        options.put("topic.prefix", "shop");
        options.put("topic.prefix-database", "true");
        options.put("slot.health.interval", "0 s");
        options.put("slot.health.retained-wal-warning", "256 mb");
        options.put("slot.health.restart-lsn-age-warning", "2 h");
        assertThatCode(() -> create(options, false)).doesNotThrowAnyException();

        options.remove("connector");
        NeonPostgresSourceConfig config =
                NeonPostgresSourceConfig.fromOptions(Configuration.fromMap(options)).build();
        assertThat(config.topicNaming().prefix()).isEqualTo("shop");
        assertThat(config.topicNaming().prefixDatabase()).isTrue();
        assertThat(config.slotHealth().enabled()).isFalse();
        assertThat(config.slotHealth().retainedWalWarnBytes()).isEqualTo(256L << 20);
        assertThat(config.slotHealth().restartLsnAgeWarn()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void debeziumDecimalModeIsRejectedBySqlTables() {
        Map<String, String> options = validOptions();
        options.put("debezium.decimal.handling.mode", "string");
        assertThat(OptionValidationTest.failure(options))
                .contains("'debezium.decimal.handling.mode' only applies to the DataStream");
    }
}
