package io.neoncdc.postgres.validation;

import static io.neoncdc.postgres.validation.OptionValidationTest.failure;
import static io.neoncdc.postgres.validation.TableSourceFactoryHarness.create;
import static io.neoncdc.postgres.validation.TableSourceFactoryHarness.validOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Malformed option values fail at planning with a message naming the option and the fix. */
class MalformedValueValidationTest {

    private static String failureWith(String key, String value) {
        Map<String, String> options = validOptions();
        options.put(key, value);
        return failure(options);
    }

    @Test
    void portThatIsNotANumber() {
        assertThat(failureWith("port", "five-four-three-two"))
                .contains("'port'")
                .contains("five-four-three-two");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "70000", "-1"})
    void portOutOfRange(String port) {
        assertThat(failureWith("port", port))
                .contains("'port' must be between 1 and 65535, got " + port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"connect.timeout", "connect.retry-backoff", "heartbeat.interval"})
    void durationThatIsNotADuration(String option) {
        assertThat(failureWith(option, "abc")).contains("'" + option + "'").contains("abc");
    }

    @Test
    void unknownStartupModeListsTheValidModes() {
        assertThat(failureWith("scan.startup.mode", "bogus"))
                .contains("scan.startup.mode")
                .contains("bogus")
                .contains("initial")
                .contains("snapshot")
                .contains("latest-offset")
                .contains("committed-offset")
                .contains("specific-offset");
    }

    @Test
    void specificOffsetWithoutLsn() {
        assertThat(failureWith("scan.startup.mode", "specific-offset"))
                .contains(
                        "'scan.startup.mode' = 'specific-offset' needs"
                                + " 'scan.startup.specific-offset.lsn' (e.g. '0/16B3748')");
    }

    @ParameterizedTest
    @ValueSource(strings = {"16B3748", "0/XYZ", "1/2/3", "-1/0", ""})
    void malformedLsn(String lsn) {
        Map<String, String> options = validOptions();
        options.put("scan.startup.mode", "specific-offset");
        options.put("scan.startup.specific-offset.lsn", lsn);
        assertThat(failure(options))
                .contains("Invalid 'scan.startup.specific-offset.lsn' = '" + lsn + "'")
                .contains("expected an LSN like '0/16B3748'");
    }

    @Test
    void wellFormedLsnIsAccepted() {
        Map<String, String> options = validOptions();
        options.put("scan.startup.mode", "specific-offset");
        options.put("scan.startup.specific-offset.lsn", "0/16B3748");
        assertThatCode(() -> create(options, false)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource({"table-name, orders(", "table-name, *orders", "schema-name, [public"})
    void invalidRegularExpression(String option, String regex) {
        assertThat(failureWith(option, regex))
                .contains("'" + option + "' = '" + regex + "' is not a valid regular expression");
    }

    @ParameterizedTest
    @ValueSource(strings = {"MySlot", "my-slot", "my slot", ""})
    void invalidSlotName(String slot) {
        assertThat(failureWith("slot.name", slot))
                .contains("'slot.name' = '" + slot + "' is not a valid replication slot name")
                .contains("use 1-63 lower-case letters, digits and underscores");
    }

    @Test
    void slotNameLongerThan63Characters() {
        assertThat(failureWith("slot.name", "s".repeat(64)))
                .contains("is not a valid replication slot name");
    }

    @Test
    void upsertWithoutDeclaredPrimaryKey() {
        assertThat(failureWith("changelog-mode", "upsert"))
                .contains("'changelog-mode' = 'upsert' needs a PRIMARY KEY")
                .contains("NOT ENFORCED")
                .contains("`cat`.`db`.`orders`");
    }

    @Test
    void upsertWithDeclaredPrimaryKeyIsAccepted() {
        Map<String, String> options = validOptions();
        options.put("changelog-mode", "upsert");
        assertThatCode(() -> create(options, true)).doesNotThrowAnyException();
    }

    @Test
    void unknownChangelogModeListsTheValidModes() {
        assertThat(failureWith("changelog-mode", "retract"))
                .contains("changelog-mode")
                .contains("all")
                .contains("upsert");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5"})
    void chunkSizeBelowOne(String size) {
        assertThat(failureWith("scan.snapshot.chunk.size", size))
                .contains("'scan.snapshot.chunk.size' must be at least 1, got " + size);
    }

    @Test
    void unknownSslMode() {
        assertThat(failureWith("ssl.mode", "on"))
                .contains("ssl.mode")
                .contains("verify-full")
                .contains("disable");
    }
}
