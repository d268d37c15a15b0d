package io.neoncdc.postgres.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/** {@link CheckpointMode#of} reads the job's checkpointing settings by their Flink keys. */
class CheckpointModeTest {

    @Test
    void noOrZeroIntervalMeansDisabled() {
        assertThat(of(Map.of())).isEqualTo(CheckpointMode.DISABLED);
        assertThat(of(Map.of("execution.checkpointing.interval", "0 s")))
                .isEqualTo(CheckpointMode.DISABLED);
        assertThat(
                        of(
                                Map.of(
                                        "execution.checkpointing.interval", "0 ms",
                                        "execution.checkpointing.unaligned.enabled", "true")))
                .isEqualTo(CheckpointMode.DISABLED);
    }

    @Test
    void intervalMeansAlignedUnlessUnalignedIsEnabledOrForced() {
        assertThat(of(Map.of("execution.checkpointing.interval", "10 s")))
                .isEqualTo(CheckpointMode.ALIGNED);
        assertThat(
                        of(
                                Map.of(
                                        "execution.checkpointing.interval", "10 s",
                                        "execution.checkpointing.unaligned.enabled", "false")))
                .isEqualTo(CheckpointMode.ALIGNED);
        assertThat(
                        of(
                                Map.of(
                                        "execution.checkpointing.interval", "1 min",
                                        "execution.checkpointing.unaligned.enabled", "true")))
                .isEqualTo(CheckpointMode.UNALIGNED);
        assertThat(
                        of(
                                Map.of(
                                        "execution.checkpointing.interval", "1 min",
                                        "execution.checkpointing.unaligned.forced", "true")))
                .isEqualTo(CheckpointMode.UNALIGNED);
    }

    @Test
    void onlyAlignedAndUnknownWaitForACheckpoint() {
        assertThat(CheckpointMode.ALIGNED.gatesOnCheckpoint()).isTrue();
        assertThat(CheckpointMode.UNKNOWN.gatesOnCheckpoint()).isTrue();
        assertThat(CheckpointMode.UNALIGNED.gatesOnCheckpoint()).isFalse();
        assertThat(CheckpointMode.DISABLED.gatesOnCheckpoint()).isFalse();
    }

    private static CheckpointMode of(Map<String, String> settings) {
        return CheckpointMode.of(Configuration.fromMap(settings));
    }
}
