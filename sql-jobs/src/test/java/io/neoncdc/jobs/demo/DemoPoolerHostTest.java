package io.neoncdc.jobs.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A refused {@code -pooler} host ends the demo with the direct host to use, and nothing else: no
 * connection to it, so no slot clean-up there and no error about one.
 */
class DemoPoolerHostTest {

    @Test
    void aPoolerHostIsRefusedBeforeAnyConnection() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Map<String, String> env =
                Map.of(
                        "NEON_HOST", "ep-cool-darkness-123456-pooler.eu-central-1.aws.neon.tech",
                        "NEON_USER", "alex",
                        "NEON_PASSWORD", "secret",
                        "NEON_DATABASE", "neondb");

        int exit = Demo.run(new String[] {"--plain"}, env, out);

        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(exit).isEqualTo(2);
        assertThat(printed)
                .contains(
                        "Use the direct host instead:"
                                + " NEON_HOST=ep-cool-darkness-123456.eu-central-1.aws.neon.tech")
                .doesNotContain("Could not", "slot", "Exception", "Stopped");
        assertThat(printed.lines().filter(l -> !l.isBlank()))
                .hasSize(2)
                .last()
                .asString()
                .startsWith("Cannot run the demo against");
    }
}
