package io.neoncdc.postgres.validation;

import static io.neoncdc.postgres.validation.OptionValidationTest.failure;
import static io.neoncdc.postgres.validation.TableSourceFactoryHarness.validOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.neoncdc.postgres.NeonPostgresSource;
import io.neoncdc.postgres.catalog.Slots;
import io.neoncdc.postgres.event.ChangeEvent;
import io.neoncdc.postgres.event.ChangeEventDeserializer;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Neon pitfalls and values Flink accepts but the server cannot: pooler host, wal_level, names. */
class NeonSettingValidationTest {

    @Test
    void neonPoolerHostNamesTheDirectHost() {
        Map<String, String> options = validOptions();
        options.put("hostname", "ep-cool-darkness-123456-pooler.us-east-2.aws.neon.tech");
        assertThat(failure(options))
                .contains("is a pooled (PgBouncer) connection host")
                .contains("unsupported startup parameter: replication")
                .contains("'hostname' = 'ep-cool-darkness-123456.us-east-2.aws.neon.tech'");
    }

    @Test
    void directNeonHostIsAccepted() {
        Map<String, String> options = validOptions();
        options.put("hostname", "ep-cool-darkness-123456.us-east-2.aws.neon.tech");
        TableSourceFactoryHarness.create(options, false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hostname", "username", "database-name"})
    void emptyRequiredOption(String option) {
        Map<String, String> options = validOptions();
        options.put(option, " ");
        assertThat(failure(options)).contains("'" + option + "' is empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pub'; DROP TABLE t; --", ""})
    void publicationNameThatCannotBeSentSafely(String publication) {
        Map<String, String> options = validOptions();
        options.put("publication.name", publication);
        assertThat(failure(options))
                .contains("'publication.name' = '" + publication + "' is not a usable")
                .contains("without single quotes");
    }

    @Test
    void walLevelOtherThanLogicalNamesTheNeonConsoleStep() {
        assertThatThrownBy(() -> Slots.checkWalLevel("replica"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("wal_level = 'replica'")
                .hasMessageContaining(
                        "enable logical replication in the Neon console (Project settings →"
                                + " Beta/Logical replication")
                .hasMessageContaining("or set wal_level = logical and restart");
        Slots.checkWalLevel("logical");
    }

    @Test
    void dataStreamBuilderNamesAMissingRequiredOption() {
        assertThatThrownBy(
                        () ->
                                NeonPostgresSource.<String>builder()
                                        .hostname("localhost")
                                        .username("flink")
                                        .database("shop")
                                        .deserializer(new Names())
                                        .build())
                .hasMessageContaining("Option 'table-name' is required but not set");
    }

    /** A trivial deserializer for the builder. */
    private static final class Names implements ChangeEventDeserializer<String> {
        @Override
        public void deserialize(ChangeEvent event, Collector<String> out) {
            out.collect(String.valueOf(event));
        }

        @Override
        public TypeInformation<String> getProducedType() {
            return Types.STRING;
        }
    }
}
