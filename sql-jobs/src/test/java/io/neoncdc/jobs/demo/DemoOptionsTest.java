package io.neoncdc.jobs.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The demo's command line. */
class DemoOptionsTest {

    @Test
    void parsesEveryOption() {
        DemoOptions o =
                DemoOptions.parse(
                        new String[] {
                            "--duration", "2m", "--config", "neon.properties", "--setup", "--rate",
                            "50", "--orders", "200", "--refresh", "500ms", "--plain"
                        });

        assertThat(o.duration).isEqualTo(Duration.ofMinutes(2));
        assertThat(o.configFile).isEqualTo("neon.properties");
        assertThat(o.setup).isTrue();
        assertThat(o.rate).isEqualTo(50);
        assertThat(o.orders).isEqualTo(200);
        assertThat(o.refresh).isEqualTo(Duration.ofMillis(500));
        assertThat(o.plain).isTrue();
    }

    @Test
    void defaultsRunUntilStoppedWithTraffic() {
        DemoOptions o = DemoOptions.parse(new String[0]);

        assertThat(o.duration).isNull();
        assertThat(o.rate).isEqualTo(300);
        assertThat(o.setup).isFalse();
    }

    @Test
    void durationsAcceptUnitsAndPlainSeconds() {
        assertThat(DemoOptions.duration("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DemoOptions.duration("45")).isEqualTo(Duration.ofSeconds(45));
        assertThat(DemoOptions.duration("1h")).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> DemoOptions.duration("soon"))
                .hasMessageContaining("Not a duration: 'soon'");
    }

    @Test
    void rejectsUnknownOptionsAndMissingValues() {
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--fast"}))
                .hasMessage("Unknown option '--fast'.");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--duration"}))
                .hasMessage("--duration needs a value.");
    }

    @Test
    void durationsMustBePositive() {
        for (String d : new String[] {"0s", "-5s", "0"}) {
            assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--duration", d}))
                    .hasMessage(
                            "--duration must be longer than 0, e.g. --duration 30s (not '"
                                    + d
                                    + "').");
        }
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--refresh", "0ms"}))
                .hasMessageContaining("--refresh must be longer than 0");
    }
}
