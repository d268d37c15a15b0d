package io.neoncdc.postgres.deserializer;

import io.neoncdc.postgres.config.DecimalHandlingMode;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import io.neoncdc.postgres.event.ChangeEvent;
import io.neoncdc.postgres.event.ChangeEventDeserializer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonFactory;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonGenerator;
import org.apache.flink.util.Collector;

/**
 * Change events → the value of Debezium PostgreSQL change events as JSON ({@code String} or UTF-8
 * {@code byte[]}), so consumers written for Debezium or Streamkap topics keep working. Decimal
 * encoding follows {@code debezium.decimal.handling.mode}; the rest is Debezium's defaults.
 */
public final class DebeziumJsonDeserializer<T> implements ChangeEventDeserializer<T> {
    private static final long serialVersionUID = 1L;

    private final boolean asString;
    private final TypeInformation<T> type;
    private transient DebeziumEnvelope envelope;
    private transient JsonFactory factory;
    private transient Buffer buffer;
    private transient JsonGenerator generator;
    private transient Clock clock;

    private DebeziumJsonDeserializer(boolean asString, TypeInformation<T> type) {
        this.asString = asString;
        this.type = type;
    }

    /** Each change as a JSON {@code String}. */
    public static DebeziumJsonDeserializer<String> strings() {
        return new DebeziumJsonDeserializer<>(true, Types.STRING);
    }

    /** Each change as UTF-8 JSON bytes (e.g. a Kafka record value). */
    public static DebeziumJsonDeserializer<byte[]> bytes() {
        return new DebeziumJsonDeserializer<>(
                false, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
    }

    @Override
    public void open(NeonPostgresSourceConfig config) {
        open(config.decimalHandlingMode(), Clock.systemUTC());
    }

    /**
     * Opens with explicit settings instead of a source's configuration: for use outside a source,
     * and for tests ({@code clock} gives the envelope's {@code ts_*}).
     */
    public void open(DecimalHandlingMode mode, Clock clock) {
        this.envelope = new DebeziumEnvelope(new DebeziumValues(mode), ConnectorVersion.get());
        this.factory = new JsonFactory();
        this.buffer = new Buffer();
        this.generator = null;
        this.clock = clock;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void deserialize(ChangeEvent event, Collector<T> out) throws IOException {
        if (envelope == null) {
            open(DecimalHandlingMode.PRECISE, Clock.systemUTC());
        }
        buffer.reset();
        Instant now = clock.instant();
        if (generator == null) {
            // One generator for every event: each is a root value, written without separator.
            generator = factory.createGenerator(buffer);
            generator.setRootValueSeparator(null);
        }
        try {
            envelope.write(generator, event, now);
            generator.flush();
        } catch (IOException | RuntimeException e) {
            generator = null; // its state is unknown: start the next event on a fresh one
            throw e;
        }
        out.collect(
                (T)
                        (asString
                                ? new String(
                                        buffer.array(), 0, buffer.size(), StandardCharsets.UTF_8)
                                : buffer.toByteArray()));
    }

    /** A byte buffer whose array a String can be decoded from without copying it first. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(512);
        }

        byte[] array() {
            return buf;
        }
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return type;
    }
}
