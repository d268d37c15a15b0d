package io.neoncdc.postgres;

import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import io.neoncdc.postgres.enumerator.NeonEnumeratorState;
import io.neoncdc.postgres.enumerator.NeonEnumeratorStateSerializer;
import io.neoncdc.postgres.enumerator.NeonSourceEnumerator;
import io.neoncdc.postgres.event.ChangeEventDeserializer;
import io.neoncdc.postgres.reader.NeonSourceReader;
import io.neoncdc.postgres.split.NeonSplit;
import io.neoncdc.postgres.split.NeonSplitSerializer;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The neon-postgres-cdc source (FLIP-27): snapshot chunks read in parallel, then one exactly-once
 * change stream from a logical replication slot. Build one with {@link #builder()}.
 */
@PublicEvolving
public final class NeonPostgresSource<T>
        implements Source<T, NeonSplit, NeonEnumeratorState>, ResultTypeQueryable<T> {
    private static final long serialVersionUID = 1L;

    private final NeonPostgresSourceConfig config;
    private final ChangeEventDeserializer<T> deserializer;

    NeonPostgresSource(NeonPostgresSourceConfig config, ChangeEventDeserializer<T> deserializer) {
        this.config = config;
        this.deserializer = deserializer;
    }

    public static <T> NeonPostgresSourceBuilder<T> builder() {
        return new NeonPostgresSourceBuilder<>();
    }

    /** A builder that starts from an already validated configuration (the SQL path). */
    public static <T> NeonPostgresSourceBuilder<T> builderFor(NeonPostgresSourceConfig config) {
        return new NeonPostgresSourceBuilder<T>().config(config);
    }

    public NeonPostgresSourceConfig config() {
        return config;
    }

    @Override
    public Boundedness getBoundedness() {
        return config.startupMode().streams()
                ? Boundedness.CONTINUOUS_UNBOUNDED
                : Boundedness.BOUNDED;
    }

    @Override
    public SourceReader<T, NeonSplit> createReader(SourceReaderContext context) {
        return NeonSourceReader.create(config, deserializer, context, config.captureList());
    }

    @Override
    public SplitEnumerator<NeonSplit, NeonEnumeratorState> createEnumerator(
            SplitEnumeratorContext<NeonSplit> context) {
        return new NeonSourceEnumerator(context, config, NeonEnumeratorState.empty());
    }

    @Override
    public SplitEnumerator<NeonSplit, NeonEnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<NeonSplit> context, NeonEnumeratorState state) {
        return new NeonSourceEnumerator(context, config, state);
    }

    @Override
    public SimpleVersionedSerializer<NeonSplit> getSplitSerializer() {
        return NeonSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<NeonEnumeratorState> getEnumeratorCheckpointSerializer() {
        return new NeonEnumeratorStateSerializer();
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return deserializer.getProducedType();
    }
}
