package io.neoncdc.jobs.demo;

import io.neoncdc.jobs.compat.SimpleSink;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;

/**
 * The job's two sinks into the console board of a run: change lines, and the changelog of the
 * revenue aggregate ({@code customer_id, name, orders, revenue}).
 */
final class BoardSink {
    private BoardSink() {}

    static Sink<ChangeLine> changes(String runId) {
        return new ChangeSink(runId);
    }

    static Sink<Row> revenue(String runId) {
        return new RevenueSink(runId);
    }

    /** Writer base: looks the board up per record, so records after the run are dropped. */
    private abstract static class Writer<T> implements SinkWriter<T> {
        final String runId;

        Writer(String runId) {
            this.runId = runId;
        }

        @Override
        public void write(T element, Context context) {
            Board board = Board.find(runId);
            if (board != null) {
                apply(board, element);
            }
        }

        abstract void apply(Board board, T element);

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() {}
    }

    /** Change lines into the board's counters and latest-changes sample. */
    private static final class ChangeSink extends SimpleSink<ChangeLine> {
        private static final long serialVersionUID = 1L;
        private final String runId;

        ChangeSink(String runId) {
            this.runId = runId;
        }

        @Override
        protected SinkWriter<ChangeLine> createWriter() {
            return new Writer<ChangeLine>(runId) {
                @Override
                void apply(Board board, ChangeLine line) {
                    board.change(line);
                }
            };
        }
    }

    /** The aggregate's changelog into the board's revenue table (keyed by customer). */
    private static final class RevenueSink extends SimpleSink<Row> {
        private static final long serialVersionUID = 1L;
        private final String runId;

        RevenueSink(String runId) {
            this.runId = runId;
        }

        @Override
        protected SinkWriter<Row> createWriter() {
            return new Writer<Row>(runId) {
                @Override
                void apply(Board board, Row row) {
                    Revenue r =
                            new Revenue(
                                    (Long) row.getField("customer_id"),
                                    (String) row.getField("name"),
                                    (Long) row.getField("orders"),
                                    (java.math.BigDecimal) row.getField("revenue"));
                    RowKind kind = row.getKind();
                    board.revenue(r, kind == RowKind.INSERT || kind == RowKind.UPDATE_AFTER);
                }
            };
        }
    }
}
