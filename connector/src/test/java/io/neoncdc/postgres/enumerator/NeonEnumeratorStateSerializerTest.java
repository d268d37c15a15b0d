package io.neoncdc.postgres.enumerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.neoncdc.postgres.split.GoldenFiles;
import io.neoncdc.postgres.split.NeonSplitSerializer;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link NeonEnumeratorStateSerializer} round-trips every state shape, rejects unknown versions and
 * still reads the version 1 bytes in {@code serializer/enumerator-state-v1.bin}.
 */
class NeonEnumeratorStateSerializerTest {
    private static final NeonEnumeratorStateSerializer SERIALIZER =
            new NeonEnumeratorStateSerializer();

    @Test
    void emptyState() throws IOException {
        NeonEnumeratorState back = assertRoundTrip(NeonEnumeratorState.empty());
        assertThat(back.initialized()).isFalse();
        assertThat(back.streamGateCheckpoint()).isEqualTo(-1);
    }

    @Test
    void midSnapshotKeepsChunkOrder() throws IOException {
        NeonEnumeratorState back = assertRoundTrip(EnumeratorStates.midSnapshot(5, 2));
        assertThat(back.remaining()).extracting(s -> s.chunkIndex()).containsExactly(2, 3, 4);
        assertThat(back.finished().keySet())
                .containsExactly("public.orders:chunk-0000", "public.orders:chunk-0001");
    }

    @Test
    void returnedStreamAndGateCheckpoint() throws IOException {
        NeonEnumeratorState done = EnumeratorStates.snapshotDone(3, 42);
        NeonEnumeratorState state =
                new NeonEnumeratorState(
                        true,
                        EnumeratorStates.START_LSN,
                        3,
                        List.of(),
                        done.finished(),
                        false,
                        42,
                        EnumeratorStates.returnedStream());
        NeonEnumeratorState back = assertRoundTrip(state);
        assertThat(back.returnedStream().txnEventsEmitted()).isEqualTo(4);
        assertThat(back.streamGateCheckpoint()).isEqualTo(42);
        assertRoundTrip(new NeonEnumeratorState(true, 7, 0, List.of(), Map.of(), true, 9, null));
    }

    @Test
    void unknownVersionFails() throws IOException {
        byte[] bytes = SERIALIZER.serialize(NeonEnumeratorState.empty());
        assertThatThrownBy(() -> SERIALIZER.deserialize(3, bytes))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version 3");
    }

    @Test
    void version1StateStillRestores() throws IOException {
        NeonEnumeratorState expected =
                new NeonEnumeratorState(
                        true,
                        EnumeratorStates.START_LSN,
                        4,
                        EnumeratorStates.midSnapshot(4, 2).remaining(),
                        EnumeratorStates.midSnapshot(4, 2).finished(),
                        false,
                        -1,
                        EnumeratorStates.returnedStream());
        byte[] current = SERIALIZER.serialize(expected);
        byte[] golden =
                GoldenFiles.load("enumerator-state-v1.bin", 1, SERIALIZER.getVersion(), current);
        assertThat(SERIALIZER.deserialize(1, golden))
                .usingRecursiveComparison()
                .isEqualTo(expected);
        if (SERIALIZER.getVersion() == 1 && NeonSplitSerializer.INSTANCE.getVersion() == 1) {
            // Still writing version 1: its format must not change without a version bump.
            assertThat(current).isEqualTo(golden);
        }
    }

    @Test
    void keylessPlansRoundTrip() throws IOException {
        NeonEnumeratorState mid = EnumeratorStates.midSnapshot(4, 2);
        NeonEnumeratorState state =
                new NeonEnumeratorState(
                        true,
                        EnumeratorStates.START_LSN,
                        4,
                        mid.remaining(),
                        mid.finished(),
                        false,
                        -1,
                        null,
                        Map.of(
                                new io.neoncdc.postgres.catalog.TableId("public", "log"),
                                new KeylessPlan(2, 7)));
        NeonEnumeratorState back = assertRoundTrip(state);
        assertThat(back.keylessPlans().values()).containsExactly(new KeylessPlan(2, 7));
    }

    @Test
    void version2StateStillRestores() throws IOException {
        NeonEnumeratorState mid = EnumeratorStates.midSnapshot(4, 2);
        NeonEnumeratorState expected =
                new NeonEnumeratorState(
                        true,
                        EnumeratorStates.START_LSN,
                        4,
                        mid.remaining(),
                        mid.finished(),
                        false,
                        -1,
                        EnumeratorStates.returnedStream(),
                        Map.of(
                                new io.neoncdc.postgres.catalog.TableId("public", "log"),
                                new KeylessPlan(1, 3)));
        byte[] current = SERIALIZER.serialize(expected);
        byte[] golden =
                GoldenFiles.load("enumerator-state-v2.bin", 2, SERIALIZER.getVersion(), current);
        assertThat(SERIALIZER.deserialize(2, golden))
                .usingRecursiveComparison()
                .isEqualTo(expected);
    }

    private static NeonEnumeratorState assertRoundTrip(NeonEnumeratorState state)
            throws IOException {
        NeonEnumeratorState back =
                SERIALIZER.deserialize(SERIALIZER.getVersion(), SERIALIZER.serialize(state));
        assertThat(back).usingRecursiveComparison().isEqualTo(state);
        return back;
    }
}
