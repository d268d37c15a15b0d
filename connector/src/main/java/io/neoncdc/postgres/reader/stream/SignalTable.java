package io.neoncdc.postgres.reader.stream;

import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.catalog.TableList;
import io.neoncdc.postgres.pgoutput.InsertMessage;
import io.neoncdc.postgres.pgoutput.RelationMessage;
import io.neoncdc.postgres.pgoutput.TupleData;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the rows inserted into {@code signal.table} in the stream (so signals need no connection
 * that writes) and hands them over when their transaction commits.
 */
final class SignalTable {
    private static final Logger LOG = LoggerFactory.getLogger(SignalTable.class);

    private final TableId table;
    private int relationId = -1;
    private int idColumn;
    private int typeColumn;
    private int dataColumn;
    private final List<Signal> inTransaction = new ArrayList<>();

    /**
     * @param name {@code schema.table}, or null when signals are off
     */
    SignalTable(String name) {
        this.table = name == null ? null : TableList.parseName(name);
    }

    void onRelation(RelationMessage m) {
        if (table == null || !table.equals(new TableId(m.namespace(), m.name()))) {
            return;
        }
        relationId = m.relationId();
        idColumn = typeColumn = dataColumn = -1;
        for (int i = 0; i < m.columns().size(); i++) {
            String name = m.columns().get(i).name();
            if ("id".equals(name)) {
                idColumn = i;
            } else if ("type".equals(name)) {
                typeColumn = i;
            } else if ("data".equals(name)) {
                dataColumn = i;
            }
        }
        if (idColumn < 0 || typeColumn < 0 || dataColumn < 0) {
            LOG.error("Signal table {} needs columns id, type and data: signals ignored", table);
            relationId = -1;
        }
    }

    void begin() {
        inTransaction.clear();
    }

    void onInsert(InsertMessage m) {
        if (m.relationId() != relationId) {
            return;
        }
        TupleData t = m.newTuple();
        String id = t.text(idColumn);
        try {
            inTransaction.add(Signal.parse(id, t.text(typeColumn), text(t, dataColumn)));
        } catch (IllegalArgumentException e) {
            LOG.error(e.getMessage());
        }
    }

    /** The signals of the transaction that just committed. */
    List<Signal> commit() {
        if (inTransaction.isEmpty()) {
            return List.of();
        }
        List<Signal> done = new ArrayList<>(inTransaction);
        inTransaction.clear();
        return done;
    }

    /** Varchar and text are UTF-8 in text and binary form; jsonb's binary form has a version. */
    private static String text(TupleData t, int i) {
        String s = t.text(i);
        if (s != null && t.kind(i) == TupleData.BINARY && !s.isEmpty() && s.charAt(0) == 1) {
            return s.substring(1);
        }
        return s;
    }
}
