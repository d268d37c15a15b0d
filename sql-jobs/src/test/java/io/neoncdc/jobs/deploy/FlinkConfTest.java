package io.neoncdc.jobs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.FallbackKey;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.table.gateway.rest.util.SqlGatewayRestOptions;
import org.junit.jupiter.api.Test;

/** flink-conf/config.yaml as Flink reads it: the settings the README promises, no unknown keys. */
class FlinkConfTest {
    private static final Path FLINK_CONF =
            Path.of(System.getProperty("basedir", "."), "..", "flink-conf");
    private static final String GATEWAY_PREFIX = "sql-gateway.endpoint.rest.";

    private final Configuration conf = GlobalConfiguration.loadConfiguration(FLINK_CONF.toString());

    @Test
    void exactlyOnceAlignedIncrementalCheckpointsEveryTenSeconds() {
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE))
                .isEqualTo(CheckpointingMode.EXACTLY_ONCE);
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTING_INTERVAL))
                .isEqualTo(Duration.ofSeconds(10));
        // The snapshot -> stream hand-over relies on aligned checkpoints.
        assertThat(conf.get(CheckpointingOptions.ENABLE_UNALIGNED)).isFalse();
        assertThat(conf.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
        assertThat(conf.get(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION))
                .isEqualTo(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        assertThat(conf.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
    }

    @Test
    void restartsWithExponentialDelay() {
        assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY))
                .isEqualTo("exponential-delay");
        assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF))
                .isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void everyKeyIsAFlinkOption() throws Exception {
        Set<String> known =
                keys(
                        CheckpointingOptions.class,
                        StateBackendOptions.class,
                        RestartStrategyOptions.class,
                        JobManagerOptions.class,
                        TaskManagerOptions.class,
                        RestOptions.class,
                        CoreOptions.class,
                        rocksDbOptions());
        Set<String> gateway = keys(SqlGatewayRestOptions.class);
        for (String key : conf.keySet()) {
            boolean ok =
                    key.startsWith(GATEWAY_PREFIX)
                            ? gateway.contains(key.substring(GATEWAY_PREFIX.length()))
                            : known.contains(key);
            assertThat(ok).as("'%s' is a Flink option", key).isTrue();
        }
    }

    /**
     * RocksDBOptions moved package in Flink 2.0 (org.apache.flink.contrib.streaming.state before).
     */
    private static Class<?> rocksDbOptions() throws ClassNotFoundException {
        try {
            return Class.forName("org.apache.flink.state.rocksdb.RocksDBOptions");
        } catch (ClassNotFoundException flink1) {
            return Class.forName("org.apache.flink.contrib.streaming.state.RocksDBOptions");
        }
    }

    private static Set<String> keys(Class<?>... holders) throws IllegalAccessException {
        Set<String> keys = new HashSet<>();
        for (Class<?> holder : List.of(holders)) {
            for (Field f : holder.getFields()) {
                if (Modifier.isStatic(f.getModifiers())
                        && ConfigOption.class.isAssignableFrom(f.getType())) {
                    ConfigOption<?> option = (ConfigOption<?>) f.get(null);
                    keys.add(option.key());
                    for (FallbackKey fallback : option.fallbackKeys()) {
                        keys.add(fallback.getKey());
                    }
                }
            }
        }
        return keys;
    }
}
