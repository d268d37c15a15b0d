package io.neoncdc.postgres.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.split.SplitFixtures;
import io.neoncdc.postgres.split.StreamSplit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link HeldStream} holds a gated stream split until a checkpoint taken after it completes. */
class HeldStreamTest {
    private final StreamSplit stream = new StreamSplit(0x1000, 0, 0, List.of(), 0);

    @Test
    void anUngatedSplitIsReadAtOnce() {
        HeldStream held = new HeldStream();
        assertThat(held.hold(stream)).isFalse();
        assertThat(held.snapshot(1)).isNull();
    }

    @Test
    void aGatedSplitWaitsForTheCompletionOfTheNextCheckpoint() {
        HeldStream held = new HeldStream();
        held.gateNext();
        assertThat(held.hold(SplitFixtures.chunk(0, null, 10L)))
                .as("chunks are never held")
                .isFalse();
        assertThat(held.hold(stream)).isTrue();
        assertThat(held.release(6)).as("checkpoint 6 was taken before the split arrived").isNull();
        assertThat(held.snapshot(7)).as("kept in the reader's checkpoint").isSameAs(stream);
        assertThat(held.snapshot(8)).isSameAs(stream);
        assertThat(held.release(6)).isNull();
        assertThat(held.release(8)).as("a later completion subsumes 7").isSameAs(stream);
        assertThat(held.snapshot(9)).isNull();
        assertThat(held.release(9)).isNull();
    }

    @Test
    void theGateAppliesToOneSplitOnly() {
        HeldStream held = new HeldStream();
        held.gateNext();
        held.hold(stream);
        held.snapshot(1);
        held.release(1);
        assertThat(held.hold(stream)).as("a split given back and assigned ungated").isFalse();
    }
}
