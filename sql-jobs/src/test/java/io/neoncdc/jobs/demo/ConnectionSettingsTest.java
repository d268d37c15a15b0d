package io.neoncdc.jobs.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NEON_* settings from the environment or a properties file; the password never shows. */
class ConnectionSettingsTest {
    private static final Map<String, String> NEON =
            Map.of(
                    "NEON_HOST", "ep-cool-darkness-123456.eu-central-1.aws.neon.tech",
                    "NEON_USER", "alex",
                    "NEON_PASSWORD", "AbC123dEf",
                    "NEON_DATABASE", "dbname");

    @Test
    void withoutNeonHostTheDemoRunsEmbedded() throws Exception {
        assertThat(ConnectionSettings.external(Map.of("HOME", "/root"), null)).isEmpty();
    }

    @Test
    void readsTheEnvironmentWithDefaults() throws Exception {
        ConnectionSettings s = ConnectionSettings.external(NEON, null).orElseThrow();

        assertThat(s.port).isEqualTo(5432);
        assertThat(s.sslMode).isEqualTo("require");
        assertThat(s.connectorOptions())
                .containsEntry("hostname", "ep-cool-darkness-123456.eu-central-1.aws.neon.tech")
                .containsEntry("username", "alex")
                .containsEntry("password", "AbC123dEf")
                .containsEntry("database-name", "dbname")
                .containsEntry("ssl.mode", "require");
        assertThat(s.toString())
                .isEqualTo(
                        "alex@ep-cool-darkness-123456.eu-central-1.aws.neon.tech:5432/dbname"
                                + " (sslmode=require)")
                .doesNotContain("AbC123dEf");
    }

    @Test
    void theConfigFileWinsKeyByKey(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("neon.properties");
        Files.writeString(file, "NEON_HOST=127.0.0.1\nNEON_PORT=6543\nNEON_SSLMODE=disable\n");

        ConnectionSettings s = ConnectionSettings.external(NEON, file.toString()).orElseThrow();

        assertThat(s.toString()).isEqualTo("alex@127.0.0.1:6543/dbname (sslmode=disable)");
    }

    @Test
    void namesWhatIsMissing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("empty.properties");
        Files.writeString(file, "NEON_USER=alex\n");

        assertThatThrownBy(() -> ConnectionSettings.external(Map.of("NEON_HOST", "h"), null))
                .hasMessageContaining("NEON_USER is not");
        assertThatThrownBy(() -> ConnectionSettings.external(Map.of(), file.toString()))
                .hasMessageContaining("does not set NEON_HOST");
    }

    @Test
    void aMissingConfigFileSaysSo(@TempDir Path dir) {
        Path missing = dir.resolve("neon.properties");
        assertThatThrownBy(() -> ConnectionSettings.external(Map.of(), missing.toString()))
                .hasMessageStartingWith("--config " + missing + ": no such file (")
                .hasMessageContaining("NEON_HOST, NEON_USER");
    }

    @Test
    void refusesThePoolerHostAndNamesTheDirectOne() {
        Map<String, String> pooled =
                Map.of(
                        "NEON_HOST", "ep-cool-darkness-123456-pooler.eu-central-1.aws.neon.tech",
                        "NEON_USER", "alex",
                        "NEON_PASSWORD", "AbC123dEf",
                        "NEON_DATABASE", "dbname");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int exit =
                Demo.run(
                        new String[] {"--duration", "1s"},
                        pooled,
                        new PrintStream(out, true, StandardCharsets.UTF_8));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).isEqualTo(2);
        assertThat(printed)
                .contains("pooled (PgBouncer) endpoint")
                .contains("NEON_HOST=ep-cool-darkness-123456.eu-central-1.aws.neon.tech")
                .doesNotContain("AbC123dEf");
    }
}
