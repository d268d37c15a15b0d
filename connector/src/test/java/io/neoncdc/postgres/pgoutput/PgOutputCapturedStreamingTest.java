package io.neoncdc.postgres.pgoutput;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Decodes the protocol 2 capture with {@code streaming 'on'} and a 64 kB decoding memory (see
 * {@link PgOutputFrameCapture}): stream blocks, interleaved transactions, aborts of a streamed
 * transaction and of a subtransaction.
 */
class PgOutputCapturedStreamingTest {
    private final List<CapturedFrames.Frame> frames =
            CapturedFrames.load(CapturedFrames.PROTO2_STREAMING);
    private final List<PgOutputMessage> messages =
            CapturedFrames.decodeAll(CapturedFrames.PROTO2_STREAMING);

    @Test
    void streamBlocksAreWellFormed() {
        boolean inBlock = false;
        int starts = 0;
        Set<Long> firstSegments = new LinkedHashSet<>();
        for (PgOutputMessage m : messages) {
            if (m instanceof StreamStartMessage) {
                assertThat(inBlock).isFalse();
                inBlock = true;
                starts++;
                StreamStartMessage start = (StreamStartMessage) m;
                assertThat(start.firstSegment()).isEqualTo(firstSegments.add(start.xid()));
            } else if (m instanceof StreamStopMessage) {
                assertThat(inBlock).isTrue();
                inBlock = false;
            } else if (m instanceof StreamableMessage) {
                assertThat(((StreamableMessage) m).isStreamed()).as("%s", m).isEqualTo(inBlock);
            } else if (!(m instanceof OriginMessage)) {
                assertThat(inBlock).as("%s inside a stream block", m).isFalse();
            }
        }
        assertThat(inBlock).isFalse();
        assertThat(firstSegments).hasSize(3);
        assertThat(starts).isGreaterThanOrEqualTo(5);
        assertThat(ChangeLog.describe(messages))
                .filteredOn(line -> line.contains("TYPE"))
                .containsOnly("streamed TYPE public.color");
    }

    /** Applies the protocol's rules and compares the committed result with the workload. */
    @Test
    void replayingTheStreamYieldsExactlyTheCommittedChanges() {
        List<String> expected = new ArrayList<>();
        expected.add("INSERT small (1, one)");
        expected.add("INSERT small (2, between)");
        for (int id = 1; id <= 800; id++) {
            expected.add(
                    "INSERT big ("
                            + id
                            + ", row-"
                            + id
                            + ", "
                            + (id <= 500 ? "red" : "green")
                            + ")");
        }
        expected.add("MESSAGE big transactional 'inside'");
        expected.add("UPDATE big (1, updated, red)");
        expected.add("UPDATE big (2, updated, red)");
        expected.add("DELETE big K(3, n, n)");
        expected.add("TRUNCATE small");
        for (int id = 20_001; id <= 20_100; id++) {
            expected.add("INSERT big (" + id + ", kept-" + id + ", red)");
        }
        expected.add("INSERT small (3, after-rollback)");
        expected.add("MESSAGE capture-end ''");

        assertThat(replay()).containsExactlyElementsOf(expected);
    }

    private List<String> replay() {
        ChangeLog log = new ChangeLog();
        List<String> committed = new ArrayList<>();
        List<String> transaction = new ArrayList<>();
        Map<Long, List<Object[]>> pending = new HashMap<>(); // top xid -> (sub xid, line)
        long top = -1;
        for (PgOutputMessage m : messages) {
            String line = log.line(m).replace("streamed ", "");
            switch (m.kind()) {
                case STREAM_START:
                    top = ((StreamStartMessage) m).xid();
                    break;
                case STREAM_STOP:
                    top = -1;
                    break;
                case STREAM_ABORT:
                    StreamAbortMessage abort = (StreamAbortMessage) m;
                    if (abort.abortsTransaction()) {
                        pending.remove(abort.xid());
                    } else {
                        pending.get(abort.xid()).removeIf(e -> (long) e[0] == abort.subXid());
                    }
                    break;
                case STREAM_COMMIT:
                    pending.remove(((StreamCommitMessage) m).xid())
                            .forEach(e -> committed.add((String) e[1]));
                    break;
                case COMMIT:
                    committed.addAll(transaction);
                    transaction.clear();
                    break;
                case BEGIN:
                case RELATION:
                case TYPE:
                case ORIGIN:
                    break;
                default:
                    StreamableMessage change = (StreamableMessage) m;
                    if (change.isStreamed()) {
                        pending.computeIfAbsent(top, x -> new ArrayList<>())
                                .add(new Object[] {change.streamXid(), line});
                    } else if (m instanceof LogicalMessage
                            && !((LogicalMessage) m).transactional()) {
                        committed.add(line);
                    } else {
                        transaction.add(line);
                    }
            }
        }
        assertThat(pending).isEmpty();
        return committed;
    }

    @Test
    void interleavedTransactionAndAborts() {
        List<String> lines = ChangeLog.describe(messages);
        int firstStop = lines.indexOf("STREAM STOP");
        int between = lines.indexOf("INSERT small (2, between)");
        int firstCommit = lines.indexOf("STREAM COMMIT");
        assertThat(between).isGreaterThan(firstStop).isLessThan(firstCommit);
        assertThat(lines.get(between - 1)).isEqualTo("BEGIN");

        List<StreamAbortMessage> aborts = new ArrayList<>();
        List<StreamStartMessage> firstStarts = new ArrayList<>();
        for (PgOutputMessage m : messages) {
            if (m instanceof StreamAbortMessage) {
                aborts.add((StreamAbortMessage) m);
            } else if (m instanceof StreamStartMessage && ((StreamStartMessage) m).firstSegment()) {
                firstStarts.add((StreamStartMessage) m);
            }
        }
        long aborted = firstStarts.get(1).xid();
        long withSavepoint = firstStarts.get(2).xid();
        assertThat(aborts).hasSize(2);
        assertThat(aborts.get(0).xid()).isEqualTo(aborted);
        assertThat(aborts.get(0).abortsTransaction()).isTrue();
        assertThat(aborts.get(0).hasAbortInfo()).isFalse();
        assertThat(aborts.get(1).xid()).isEqualTo(withSavepoint);
        assertThat(aborts.get(1).abortsTransaction()).isFalse();
        // The rolled-back rows were streamed with the subtransaction's xid.
        long sub = aborts.get(1).subXid();
        assertThat(messages)
                .filteredOn(
                        m -> m instanceof InsertMessage && ((InsertMessage) m).streamXid() == sub)
                .extracting(m -> ((InsertMessage) m).newTuple().text(1))
                .isNotEmpty()
                .allMatch(payload -> payload.startsWith("undone-"));
        assertThat(lines)
                .filteredOn(l -> l.contains("gone-"))
                .isNotEmpty()
                .allMatch(l -> l.startsWith("streamed "));
    }

    @Test
    void streamCommitLsns() {
        long lastEnd = 0;
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i) instanceof StreamCommitMessage) {
                StreamCommitMessage commit = (StreamCommitMessage) messages.get(i);
                assertThat(commit.endLsn())
                        .isGreaterThan(commit.commitLsn())
                        .isGreaterThan(lastEnd);
                assertThat(frames.get(i).walStart).isEqualTo(commit.endLsn());
                assertThat(commit.commitTimeMicros()).isGreaterThan(1_700_000_000_000_000L);
                lastEnd = commit.endLsn();
            }
        }
        assertThat(lastEnd).isPositive();
    }
}
