package io.neoncdc.postgres.pgoutput;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Decodes frames captured from a real PostgreSQL by {@link PgOutputFrameCapture} (protocol 1 text
 * and protocol 2 binary) and checks them against the workload that produced them.
 */
class PgOutputCapturedFramesTest {

    @Test
    void protocol1TextWorkload() {
        List<PgOutputMessage> messages = CapturedFrames.decodeAll(CapturedFrames.PROTO1_TEXT);
        String customers = "[*id:23, name:25, email:1043(104)]";
        String orders = "[*id:20, *customer_id:23, *amount:1700(655366), *note:25]";
        assertThat(ChangeLog.describe(messages))
                .containsExactly(
                        "BEGIN",
                        "RELATION public.customers d " + customers,
                        "INSERT customers (1, Alice, alice@example.com)",
                        "INSERT customers (2, Bob, n)",
                        "COMMIT",
                        "BEGIN",
                        "UPDATE customers (2, Bob, bob@example.com)",
                        "COMMIT",
                        "BEGIN",
                        "UPDATE customers K(2, n, n) (20, Bob, bob@example.com)",
                        "COMMIT",
                        "BEGIN",
                        "DELETE customers K(20, n, n)",
                        "COMMIT",
                        "BEGIN",
                        "RELATION public.orders f " + orders,
                        "INSERT orders (100, 1, 12.50, first)",
                        "COMMIT",
                        "BEGIN",
                        "UPDATE orders O(100, 1, 12.50, first) (100, 1, 13.75, first)",
                        "COMMIT",
                        "BEGIN",
                        "DELETE orders O(100, 1, 13.75, first)",
                        "COMMIT",
                        "BEGIN",
                        "INSERT customers (3, Carol, carol@example.com)",
                        "INSERT orders (101, 3, 99.99, n)",
                        "UPDATE customers (3, Caroline, carol@example.com)",
                        "MESSAGE audit transactional 'carol-created'",
                        "COMMIT",
                        "MESSAGE heartbeat 'beat-1'",
                        "BEGIN",
                        "TYPE public.mood",
                        "RELATION public.moods d [*id:23, feeling:16386]",
                        "INSERT moods (1, happy)",
                        "COMMIT",
                        "BEGIN",
                        "RELATION public.docs d [*id:23, title:25, body:25]",
                        "INSERT docs (1, v1, <3200 chars>)",
                        "COMMIT",
                        "BEGIN",
                        "UPDATE docs (1, v2, u)",
                        "COMMIT",
                        "BEGIN",
                        "RELATION public.tags i [*code:25, label:25]",
                        "INSERT tags (a, Alpha)",
                        "COMMIT",
                        "BEGIN",
                        "UPDATE tags K(a, n) (b, Alpha)",
                        "COMMIT",
                        "BEGIN",
                        "DELETE tags K(b, n)",
                        "COMMIT",
                        "BEGIN",
                        "RELATION public.Ünïcødé d [*naïve:25, 値:23]",
                        "INSERT Ünïcødé (grüße €, 42)",
                        "COMMIT",
                        "BEGIN",
                        "ORIGIN capture_origin 0/ABCDEF",
                        "INSERT customers (4, Dave, n)",
                        "COMMIT",
                        "BEGIN",
                        "RELATION public.orders f " + orders,
                        "TRUNCATE orders",
                        "COMMIT",
                        "BEGIN",
                        "RELATION public.tags i [*code:25, label:25]",
                        "RELATION public.Ünïcødé d [*naïve:25, 値:23]",
                        "TRUNCATE tags,Ünïcødé CASCADE RESTART IDENTITY",
                        "COMMIT",
                        "MESSAGE capture-end ''");
    }

    @Test
    void protocol1TypeOidsAndOriginCommitTime() {
        List<PgOutputMessage> messages = CapturedFrames.decodeAll(CapturedFrames.PROTO1_TEXT);
        TypeMessage mood = only(messages, TypeMessage.class);
        RelationMessage moods = relation(messages, "moods");
        assertThat(moods.columns().get(1).typeOid()).isEqualTo(mood.typeOid());
        assertThat(mood.typeOid()).isGreaterThanOrEqualTo(16_384);
        // pg_replication_origin_xact_setup's timestamp becomes the transaction's commit time.
        int origin = indexOf(messages, OriginMessage.class);
        BeginMessage begin = (BeginMessage) messages.get(origin - 1);
        assertThat(begin.commitTimeMicros())
                .isEqualTo(Instant.parse("2024-01-01T00:00:00Z").toEpochMilli() * 1000);
        InsertMessage toasted = (InsertMessage) messages.get(indexOf(messages, "docs") + 1);
        assertThat(toasted.newTuple().text(2)).hasSize(3200).matches("[0-9a-f]+");
    }

    @Test
    void protocol1TransactionsAndLsns() {
        assertTransactionLsns(CapturedFrames.PROTO1_TEXT);
    }

    @Test
    void protocol2BinaryWorkload() {
        List<PgOutputMessage> messages = CapturedFrames.decodeAll(CapturedFrames.PROTO2_BINARY);
        String full =
                "(0x00000001, 0x0000000218711a00, 0x01, 0x3ff8000000000000,"
                        + " 0x0002000000000003000c0d7a, 0x0102ff, 0x0002b0ec85204f35,"
                        + " 0xa0eebc999c0b4ef8bb6d6bb9bd380a11, 0x68c3a96c6c6f)";
        String second = "(0x00000002, n, n, n, n, n, n, n, n)";
        assertThat(ChangeLog.describe(messages))
                .containsExactly(
                        "BEGIN",
                        "RELATION public.typed f [*id:23, *big:20, *flag:16, *ratio:701,"
                                + " *price:1700(524295), *data:17, *at:1184, *uid:2950,"
                                + " *label:25]",
                        "INSERT typed " + full,
                        "COMMIT",
                        "BEGIN",
                        "INSERT typed " + second,
                        "COMMIT",
                        "BEGIN",
                        "UPDATE typed O"
                                + full
                                + " "
                                + full.replace(", 0x01,", ", 0x00,")
                                        .replace("0x68c3a96c6c6f", "0x627965"),
                        "COMMIT",
                        "BEGIN",
                        "DELETE typed O" + second,
                        "COMMIT",
                        "MESSAGE capture-end ''");
        TupleData row = ((InsertMessage) messages.get(2)).newTuple();
        assertThat(row.kind(0)).isEqualTo(TupleData.BINARY);
        assertThat(ByteBuffer.wrap(row.array(), row.offset(1), 8).getLong())
                .isEqualTo(9_000_000_000L);
        assertThat(ByteBuffer.wrap(row.array(), row.offset(3), 8).getDouble()).isEqualTo(1.5);
        long pgMicros = ByteBuffer.wrap(row.array(), row.offset(6), 8).getLong();
        assertThat(pgMicros + 946_684_800_000_000L)
                .isEqualTo(micros(Instant.parse("2024-01-02T03:04:05.678901Z")));
        assertThat(new String(row.copyBytes(8), StandardCharsets.UTF_8)).isEqualTo("héllo");
        assertTransactionLsns(CapturedFrames.PROTO2_BINARY);
    }

    /**
     * Begin's final LSN is its Commit's commit LSN, end LSNs grow, and the WAL start of frames
     * never goes back, except 0/0 for messages that PostgreSQL writes ahead of another message of
     * the same callback (Relation, Type, and a Begin followed by Origin).
     */
    private static void assertTransactionLsns(String capture) {
        List<CapturedFrames.Frame> frames = CapturedFrames.load(capture);
        List<PgOutputMessage> messages = CapturedFrames.decodeAll(capture);
        BeginMessage begin = null;
        long lastEnd = 0;
        long lastWalStart = 0;
        List<String> zeroStarts = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            PgOutputMessage m = messages.get(i);
            long walStart = frames.get(i).walStart;
            if (walStart == 0) {
                zeroStarts.add(m.kind().displayName());
            } else {
                assertThat(walStart).as("%s", frames.get(i)).isGreaterThanOrEqualTo(lastWalStart);
                lastWalStart = walStart;
            }
            if (m instanceof BeginMessage) {
                assertThat(begin).as("nested Begin").isNull();
                begin = (BeginMessage) m;
            } else if (m instanceof CommitMessage) {
                CommitMessage commit = (CommitMessage) m;
                assertThat(commit.commitLsn()).isEqualTo(begin.finalLsn());
                assertThat(commit.commitTimeMicros()).isEqualTo(begin.commitTimeMicros());
                assertThat(commit.endLsn())
                        .isGreaterThan(commit.commitLsn())
                        .isGreaterThan(lastEnd);
                assertThat(walStart).isEqualTo(commit.endLsn());
                lastEnd = commit.endLsn();
                begin = null;
            }
        }
        assertThat(begin).as("unfinished transaction").isNull();
        assertThat(zeroStarts)
                .allMatch(k -> k.equals("Relation") || k.equals("Type") || k.equals("Begin"));
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000;
    }

    private static <T> T only(List<PgOutputMessage> messages, Class<T> type) {
        return type.cast(messages.get(indexOf(messages, type)));
    }

    private static int indexOf(List<PgOutputMessage> messages, Class<?> type) {
        for (int i = 0; i < messages.size(); i++) {
            if (type.isInstance(messages.get(i))) {
                return i;
            }
        }
        throw new AssertionError("No " + type.getSimpleName());
    }

    /** Index of the first Relation message of that table. */
    private static int indexOf(List<PgOutputMessage> messages, String table) {
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i) instanceof RelationMessage
                    && ((RelationMessage) messages.get(i)).name().equals(table)) {
                return i;
            }
        }
        throw new AssertionError("No Relation " + table);
    }

    private static RelationMessage relation(List<PgOutputMessage> messages, String table) {
        return (RelationMessage) messages.get(indexOf(messages, table));
    }
}
