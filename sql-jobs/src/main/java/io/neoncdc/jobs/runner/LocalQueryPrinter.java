package io.neoncdc.jobs.runner;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Timer;
import java.util.TimerTask;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

/** Prints a local query's rows as they arrive, until the query ends or its deadline passes. */
final class LocalQueryPrinter implements AutoCloseable {
    private final ResultPrinter printer;
    private final Timer timer = new Timer("sql-runner-query-deadline", true);
    private volatile CloseableIterator<Row> open;

    LocalQueryPrinter(ResultPrinter printer) {
        this.printer = printer;
    }

    /** Blocks while rows arrive; a streaming query is stopped (its job cancelled) at deadline. */
    void print(TableResult result, Instant deadline) throws Exception {
        printer.header(result.getResolvedSchema().getColumnNames());
        CloseableIterator<Row> rows = result.collect();
        open = rows;
        TimerTask stop = null;
        if (deadline != null) {
            stop =
                    new TimerTask() {
                        @Override
                        public void run() {
                            close();
                        }
                    };
            timer.schedule(stop, Math.max(0, Duration.between(Instant.now(), deadline).toMillis()));
        }
        try {
            while (rows.hasNext()) {
                Row row = rows.next();
                List<String> fields = new ArrayList<>();
                for (int i = 0; i < row.getArity(); i++) {
                    fields.add(String.valueOf(row.getField(i)));
                }
                printer.row(row.getKind().shortString(), fields);
            }
        } catch (RuntimeException e) {
            if (open != null) {
                throw e;
            }
            // Closed at its deadline: the query was meant to stop here.
        } finally {
            if (stop != null) {
                stop.cancel();
            }
            close();
        }
    }

    @Override
    public synchronized void close() {
        CloseableIterator<Row> rows = open;
        open = null;
        if (rows != null) {
            try {
                rows.close();
            } catch (Exception e) {
                // Cancelling the query's job failed: its MiniCluster is going away anyway.
            }
        }
    }
}
