package io.neoncdc.postgres.pgoutput;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Turns decoded messages into stable one-line descriptions (table names instead of OIDs, no LSNs,
 * xids or times) so that captured frames can be compared with the workload that produced them.
 */
final class ChangeLog {
    private final Map<Integer, String> tables = new HashMap<>();
    private final List<String> lines = new ArrayList<>();

    static List<String> describe(List<PgOutputMessage> messages) {
        ChangeLog log = new ChangeLog();
        messages.forEach(log::add);
        return log.lines;
    }

    void add(PgOutputMessage message) {
        lines.add(line(message));
    }

    String line(PgOutputMessage m) {
        String streamed =
                m instanceof StreamableMessage && ((StreamableMessage) m).isStreamed()
                        ? "streamed "
                        : "";
        switch (m.kind()) {
            case BEGIN:
                return "BEGIN";
            case COMMIT:
                return "COMMIT";
            case ORIGIN:
                OriginMessage origin = (OriginMessage) m;
                return "ORIGIN " + origin.name() + " " + Lsn.format(origin.commitLsn());
            case RELATION:
                RelationMessage r = (RelationMessage) m;
                tables.put(r.relationId(), r.name());
                return streamed
                        + "RELATION "
                        + r.namespace()
                        + "."
                        + r.name()
                        + " "
                        + r.replicaIdentity()
                        + " "
                        + r.columns();
            case TYPE:
                TypeMessage t = (TypeMessage) m;
                return streamed + "TYPE " + t.namespace() + "." + t.name();
            case INSERT:
                InsertMessage i = (InsertMessage) m;
                return streamed + "INSERT " + table(i.relationId()) + " " + values(i.newTuple());
            case UPDATE:
                UpdateMessage u = (UpdateMessage) m;
                return streamed
                        + "UPDATE "
                        + table(u.relationId())
                        + (u.oldTuple() == null ? "" : " " + u.oldKind() + values(u.oldTuple()))
                        + " "
                        + values(u.newTuple());
            case DELETE:
                DeleteMessage d = (DeleteMessage) m;
                return streamed
                        + "DELETE "
                        + table(d.relationId())
                        + " "
                        + d.oldKind()
                        + values(d.oldTuple());
            case TRUNCATE:
                TruncateMessage tr = (TruncateMessage) m;
                StringJoiner names = new StringJoiner(",");
                for (int id : tr.relationIds()) {
                    names.add(table(id));
                }
                return streamed
                        + "TRUNCATE "
                        + names
                        + (tr.cascade() ? " CASCADE" : "")
                        + (tr.restartIdentity() ? " RESTART IDENTITY" : "");
            case MESSAGE:
                LogicalMessage lm = (LogicalMessage) m;
                return streamed
                        + "MESSAGE "
                        + lm.prefix()
                        + (lm.transactional() ? " transactional '" : " '")
                        + lm.contentAsText()
                        + "'";
            case STREAM_START:
                return "STREAM START" + (((StreamStartMessage) m).firstSegment() ? " first" : "");
            case STREAM_STOP:
                return "STREAM STOP";
            case STREAM_COMMIT:
                return "STREAM COMMIT";
            case STREAM_ABORT:
                return ((StreamAbortMessage) m).abortsTransaction()
                        ? "STREAM ABORT"
                        : "STREAM ABORT subtransaction";
            default:
                throw new AssertionError(m);
        }
    }

    private String table(int relationId) {
        String name = tables.get(relationId);
        if (name == null) {
            throw new AssertionError("No Relation message before use of " + relationId);
        }
        return name;
    }

    /** Text values as-is (long ones as their length), binary as hex, n and u as themselves. */
    static String values(TupleData tuple) {
        StringJoiner joiner = new StringJoiner(", ", "(", ")");
        for (int c = 0; c < tuple.size(); c++) {
            char kind = tuple.kind(c);
            if (kind == TupleData.TEXT) {
                String text = tuple.text(c);
                joiner.add(text.length() > 100 ? "<" + text.length() + " chars>" : text);
            } else if (kind == TupleData.BINARY) {
                StringBuilder hex = new StringBuilder("0x");
                for (byte b : tuple.copyBytes(c)) {
                    hex.append(String.format("%02x", b & 0xFF));
                }
                joiner.add(hex);
            } else {
                joiner.add(String.valueOf(kind));
            }
        }
        return joiner.toString();
    }
}
