package io.neoncdc.postgres.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Options come from NEON_* variables, a properties file and --option, later ones winning. */
class CliArgumentsTest {
    @TempDir Path dir;

    @Test
    void mergesEnvironmentFileAndFlagsInThatOrder() throws Exception {
        Path config = dir.resolve("cdc.properties");
        Files.write(
                config,
                List.of(
                        "# copied from the SQL table",
                        "connector = neon-postgres-cdc",
                        "hostname = from-file.example.com",
                        "table-name = orders",
                        "slot.name = file_slot"),
                StandardCharsets.UTF_8);
        CliArguments a =
                CliArguments.parse(
                        new String[] {
                            "validate",
                            "--config",
                            config.toString(),
                            "--option",
                            "slot.name=flag_slot",
                            "--option=publication.name=flag_pub"
                        },
                        Map.of(
                                "NEON_HOST", "from-env.example.com",
                                "NEON_USER", "env_user",
                                "NEON_PASSWORD", "env-s3cret",
                                "NEON_PORT", "6543",
                                "NEON_DATABASE", "shop",
                                "NEON_SSLMODE", "verify-full"));
        assertThat(a.command).isEqualTo("validate");
        assertThat(a.options)
                .containsEntry("hostname", "from-file.example.com")
                .containsEntry("username", "env_user")
                .containsEntry("password", "env-s3cret")
                .containsEntry("port", "6543")
                .containsEntry("database-name", "shop")
                .containsEntry("ssl.mode", "verify-full")
                .containsEntry("table-name", "orders")
                .containsEntry("slot.name", "flag_slot")
                .containsEntry("publication.name", "flag_pub")
                .doesNotContainKey("connector");
    }

    @Test
    void aTableListFileBecomesTheTableListOption() throws Exception {
        Path file = dir.resolve("tables.csv");
        Files.write(file, List.of("public,orders", "\"my.schema\",items"), StandardCharsets.UTF_8);
        CliArguments a =
                CliArguments.parse(
                        new String[] {"setup-sql", "--table-list-file", file.toString()}, Map.of());
        assertThat(a.options)
                .containsEntry("table-list", "\"public\".\"orders\", \"my.schema\".\"items\"");
    }

    @Test
    void typosAndMissingValuesAreUsageErrors() {
        assertThatThrownBy(
                        () ->
                                CliArguments.parse(
                                        new String[] {"validate", "--option", "slot-name=x"},
                                        Map.of()))
                .isInstanceOf(CliArguments.UsageException.class)
                .hasMessageContaining("Unknown option(s) [slot-name]")
                .hasMessageContaining("slot.name");
        assertThatThrownBy(
                        () -> CliArguments.parse(new String[] {"validate", "--config"}, Map.of()))
                .hasMessageContaining("--config needs a value");
        assertThatThrownBy(
                        () -> CliArguments.parse(new String[] {"validate", "--verbose"}, Map.of()))
                .hasMessageContaining("Unknown argument '--verbose'");
        assertThatThrownBy(
                        () ->
                                CliArguments.parse(
                                        new String[] {"validate", "--option", "x"}, Map.of()))
                .hasMessageContaining("--option needs key=value");
    }

    @Test
    void exitCodesOfTheEntryPoint() throws Exception {
        assertThat(CliRun.of(Map.of()).exitCode).isEqualTo(2);
        CliRun unknown = CliRun.of(Map.of(), "frobnicate");
        assertThat(unknown.exitCode).isEqualTo(2);
        assertThat(unknown.err).contains("Unknown command 'frobnicate'").contains("Usage:");
        CliRun help = CliRun.of(Map.of(), "help");
        assertThat(help.exitCode).isZero();
        assertThat(help.out).contains("validate").contains("setup-sql").contains("NEON_HOST");
        Path bad = dir.resolve("bad.csv");
        Files.write(bad, List.of("orders"), StandardCharsets.UTF_8);
        CliRun badFile = CliRun.of(Map.of(), "validate", "--table-list-file", bad.toString());
        assertThat(badFile.exitCode).isEqualTo(2);
        assertThat(badFile.err).contains("line 1: expected schema,table or schema.table");
    }

    @Test
    void validateWithoutAHostFailsAndSaysWhereToSetIt() {
        CliRun run =
                CliRun.of(
                        Map.of("NEON_USER", "u", "NEON_DATABASE", "d", "NEON_PASSWORD", "pw-123"),
                        "validate",
                        "--option",
                        "table-name=t");
        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.out).contains("[FAIL] Options: 'hostname' is not set").contains("NEON_HOST");
        assertThat(run.out + run.err).doesNotContain("pw-123");
    }

    @Test
    void poolerHostFailsBeforeConnecting() {
        CliRun run =
                CliRun.of(
                        Map.of(),
                        "validate",
                        "-o",
                        "hostname=ep-cool-name-123-pooler.eu-central-1.aws.neon.tech",
                        "-o",
                        "username=u",
                        "-o",
                        "database-name=d",
                        "-o",
                        "table-name=t");
        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.out)
                .contains("[FAIL] Pooler host:")
                .contains("ep-cool-name-123.eu-central-1.aws.neon.tech");
    }
}
