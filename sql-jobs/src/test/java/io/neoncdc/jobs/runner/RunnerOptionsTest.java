package io.neoncdc.jobs.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The runner's command line. */
class RunnerOptionsTest {

    @Test
    void parsesTheGatewayModeOptions() {
        RunnerOptions o =
                RunnerOptions.parse(
                        "--gateway",
                        "localhost:8083/",
                        "--jar",
                        "/opt/cdc.jar",
                        "--var",
                        "A=b=c",
                        "--set",
                        "parallelism.default=2",
                        "--duration",
                        "30s",
                        "a.sql",
                        "b.sql");
        assertThat(o.gateway.toString()).isEqualTo("http://localhost:8083");
        assertThat(o.jar).isEqualTo("/opt/cdc.jar");
        assertThat(o.variables).containsEntry("A", "b=c");
        assertThat(o.flinkOptions).containsEntry("parallelism.default", "2");
        assertThat(o.duration).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.files).containsExactly(Path.of("a.sql"), Path.of("b.sql"));
    }

    @Test
    void localByDefault() {
        RunnerOptions o = RunnerOptions.parse("job.sql");
        assertThat(o.gateway).isNull();
        assertThat(o.target()).isEqualTo("a local MiniCluster");
    }

    @Test
    void rejectsWhatCannotWork() {
        assertThatThrownBy(RunnerOptions::parse).hasMessageContaining("SQL file");
        assertThatThrownBy(() -> RunnerOptions.parse("--jar", "x.jar", "a.sql"))
                .hasMessageContaining("--gateway");
        assertThatThrownBy(() -> RunnerOptions.parse("--var", "NOVALUE", "a.sql"))
                .hasMessageContaining("NAME=VALUE");
        assertThatThrownBy(() -> RunnerOptions.parse("--bogus", "a.sql"))
                .hasMessageContaining("--bogus");
    }
}
