package io.neoncdc.postgres.validation;

import static io.neoncdc.postgres.validation.TableSourceFactoryHarness.create;
import static io.neoncdc.postgres.validation.TableSourceFactoryHarness.messages;
import static io.neoncdc.postgres.validation.TableSourceFactoryHarness.validOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Missing, unknown and malformed options fail at planning with Flink's standard messages. */
class OptionValidationTest {

    @Test
    void validOptionsCreateASource() {
        assertThatCode(() -> create(validOptions(), false)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hostname", "username", "database-name"})
    void everyRequiredOptionIsReportedByName(String option) {
        Map<String, String> options = validOptions();
        options.remove(option);
        assertThat(failure(options))
                .contains("One or more required options are missing")
                .contains("Missing required options are:\n\n" + option);
    }

    @Test
    void tableNameOrTableListIsRequired() {
        Map<String, String> options = validOptions();
        options.remove("table-name");
        assertThat(failure(options)).contains("Neither 'table-name' nor 'table-list' is set");
        options.put("table-list", "public.orders");
        assertThatCode(() -> create(options, false)).doesNotThrowAnyException();
    }

    @Test
    void unknownOptionIsRejectedAndSupportedOptionsListed() {
        Map<String, String> options = validOptions();
        options.put("slot-name", "typo");
        assertThat(failure(options))
                .contains("Unsupported options found for 'neon-postgres-cdc'")
                .contains("Unsupported options:\n\nslot-name")
                .contains("Supported options:")
                .contains("slot.name");
    }

    @Test
    void tableOptionsInTheErrorMaskThePassword() {
        Map<String, String> options = validOptions();
        options.remove("hostname");
        assertThat(failure(options)).doesNotContain("s3cret-Pa55");
    }

    /** The messages of the failure of creating a source from these options. */
    static String failure(Map<String, String> options) {
        return failure(options, false);
    }

    static String failure(Map<String, String> options, boolean primaryKey) {
        Throwable t = catchThrowable(() -> create(options, primaryKey));
        assertThat(t).as("creating the source must fail").isNotNull();
        return messages(t);
    }
}
