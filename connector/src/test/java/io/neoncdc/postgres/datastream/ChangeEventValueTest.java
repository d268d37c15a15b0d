package io.neoncdc.postgres.datastream;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.deserializer.ChangeEventValue;
import io.neoncdc.postgres.deserializer.ChangeEventValueDeserializer;
import io.neoncdc.postgres.deserializer.ChangeEventValueTypeInfo;
import io.neoncdc.postgres.event.Op;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

/** ChangeEventValue: plain Java values, and a Flink serializer that round-trips them. */
class ChangeEventValueTest {
    private final TypeSerializer<ChangeEventValue> serializer =
            ChangeEventValueTypeInfo.INSTANCE.createSerializer(new SerializerConfigImpl());

    @Test
    void rowsBecomeMapsOfPlainJavaValues() throws Exception {
        ChangeEventValue v =
                value(
                        DebeziumFixtures.change(
                                Op.UPDATE,
                                DebeziumFixtures.row("old", "1.00"),
                                DebeziumFixtures.row("new", "2.50")));
        assertThat(v.op()).isEqualTo("u");
        assertThat(v.tableId()).isEqualTo("public.everything");
        assertThat(v.topic()).isEqualTo("shopserver.public.everything");
        assertThat(v.lsn()).isEqualTo(24_023_200L);
        assertThat(v.xid()).isEqualTo(771L);
        assertThat(v.commitTimeMicros()).isEqualTo(1_714_979_289_654_321L);
        assertThat(v.before().get("note")).isEqualTo("old");
        assertThat(v.after())
                .containsEntry("id", 1)
                .containsEntry("big", 9007199254740993L)
                .containsEntry("amount", new BigDecimal("2.50"))
                .containsEntry("note", "new")
                .containsEntry("flag", true)
                .containsEntry("ts", LocalDateTime.parse("2024-01-02T03:04:05.123456"))
                .containsEntry("tstz", Instant.parse("2024-01-02T03:04:05.123456Z"))
                .containsEntry("day", LocalDate.parse("2024-01-02"))
                .containsEntry("uid", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")
                .containsEntry("tags", Arrays.asList("x", "y", null))
                .containsEntry("t", LocalTime.parse("03:04:05.123"));
        assertThat((byte[]) v.after().get("data")).containsExactly(1, 2, 0xff);
        assertThat(v.after().keySet()).containsExactly(DebeziumFixtures.NAMES);
    }

    @Test
    void serializerRoundTripsEveryValueKind() throws Exception {
        ChangeEventValue update =
                value(
                        DebeziumFixtures.change(
                                Op.UPDATE,
                                DebeziumFixtures.row("old", "1.00"),
                                DebeziumFixtures.row("new", "2.50")));
        ChangeEventValue delete =
                value(
                        DebeziumFixtures.change(
                                Op.DELETE, DebeziumFixtures.row("old", "1.00"), null));
        for (ChangeEventValue v : List.of(update, delete)) {
            ChangeEventValue copy = roundTrip(serializer, v);
            assertThat(copy).isEqualTo(v);
            assertThat(copy.after() == null ? null : copy.after().keySet())
                    .isEqualTo(v.after() == null ? null : v.after().keySet());
        }
        assertThat(serializer.isImmutableType()).isTrue();
    }

    @Test
    void snapshotRestoresACompatibleSerializer() throws Exception {
        TypeSerializerSnapshot<ChangeEventValue> snapshot = serializer.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        TypeSerializerSnapshot<ChangeEventValue> restored =
                TypeSerializerSnapshot.readVersionedSnapshot(
                        new DataInputDeserializer(out.getCopyOfBuffer()),
                        getClass().getClassLoader());
        assertThat(
                        serializer
                                .snapshotConfiguration()
                                .resolveSchemaCompatibility(restored)
                                .isCompatibleAsIs())
                .isTrue();
        assertThat(restored.restoreSerializer()).isEqualTo(serializer);
    }

    static ChangeEventValue value(io.neoncdc.postgres.event.ChangeEvent event) throws Exception {
        List<ChangeEventValue> out = new ArrayList<>();
        new ChangeEventValueDeserializer()
                .deserialize(
                        event,
                        new Collector<ChangeEventValue>() {
                            @Override
                            public void collect(ChangeEventValue record) {
                                out.add(record);
                            }

                            @Override
                            public void close() {}
                        });
        return out.get(0);
    }

    static <T> T roundTrip(TypeSerializer<T> s, T value) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(256);
        s.serialize(value, out);
        return s.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}
