package io.neoncdc.postgres.enumerator;

import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.split.FinishedChunk;
import io.neoncdc.postgres.split.SnapshotSplit;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshot progress for people and dashboards: chunk and row counts per table as metrics, and log
 * lines like {@code public.orders: 37/120 chunks, 4.6M rows, 512k rows/s}.
 */
final class SnapshotProgress {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotProgress.class);
    private static final long LOG_INTERVAL_NANOS = 2_000_000_000L;

    // Read by the metric reporters' threads too (the per-table gauges).
    private final Map<TableId, int[]> chunksPerTable = new ConcurrentHashMap<>();
    private final Map<TableId, Long> rowsPerTable = new ConcurrentHashMap<>();
    private final MetricGroup group;
    private long startNanos = System.nanoTime();
    private long lastLogNanos;
    private volatile int chunksTotal;
    private volatile int chunksFinished;
    private volatile long rowsRead;

    SnapshotProgress(MetricGroup metrics) {
        group = metrics.addGroup("snapshot");
        group.gauge("chunksTotal", () -> chunksTotal);
        group.gauge("chunksFinished", () -> chunksFinished);
        group.gauge("rowsRead", () -> rowsRead);
    }

    void planned(Collection<SnapshotSplit> chunks) {
        startNanos = System.nanoTime();
        for (SnapshotSplit s : chunks) {
            chunksPerTable.computeIfAbsent(s.table(), this::tableGauges)[0]++;
        }
        chunksTotal = chunks.size();
    }

    /**
     * The same three gauges per table ({@code snapshot.table.<schema.table>.chunksTotal}, …): one
     * source may read many tables (a shared slot), and dashboards show each one's progress.
     */
    private int[] tableGauges(TableId table) {
        int[] counts = new int[2];
        MetricGroup t = group.addGroup("table", table.toString());
        t.gauge("chunksTotal", () -> counts[0]);
        t.gauge("chunksFinished", () -> counts[1]);
        t.gauge("rowsRead", () -> rowsPerTable.getOrDefault(table, 0L));
        return counts;
    }

    void restored(int total, Collection<FinishedChunk> done) {
        chunksTotal = total;
        done.forEach(c -> rowsRead += c.rows());
        chunksFinished = done.size();
    }

    void finished(FinishedChunk chunk) {
        TableId table = chunk.bounds().table();
        int[] counts = chunksPerTable.computeIfAbsent(table, this::tableGauges);
        counts[1]++;
        long rows = rowsPerTable.merge(table, chunk.rows(), Long::sum);
        chunksFinished++;
        rowsRead += chunk.rows();
        long now = System.nanoTime();
        boolean tableDone = counts[0] > 0 && counts[1] == counts[0];
        if (tableDone || now - lastLogNanos > LOG_INTERVAL_NANOS) {
            lastLogNanos = now;
            LOG.info(
                    "{}: {}/{} chunks, {} rows; all tables {}/{} chunks, {} rows, {} rows/s",
                    table,
                    counts[1],
                    counts[0],
                    human(rows),
                    chunksFinished,
                    chunksTotal,
                    human(rowsRead),
                    human(rowsPerSecond(now)));
        }
    }

    /**
     * Forgets an earlier report of a chunk: it is reported again (the latest report wins) or will
     * be, after a failed reader handed it back.
     */
    void retracted(FinishedChunk chunk) {
        TableId table = chunk.bounds().table();
        int[] counts = chunksPerTable.get(table);
        if (counts != null && counts[1] > 0) {
            counts[1]--;
        }
        rowsPerTable.computeIfPresent(table, (t, rows) -> rows - chunk.rows());
        chunksFinished--;
        rowsRead -= chunk.rows();
    }

    /**
     * The table is read again in {@code chunks} chunks, {@code delta} more than before (its earlier
     * reports were retracted).
     */
    void replanned(TableId table, int delta, int chunks) {
        chunksPerTable.computeIfAbsent(table, t -> new int[2])[0] = chunks;
        chunksTotal += delta;
    }

    void done() {
        LOG.info(
                "Snapshot finished: {} chunks, {} rows, {} rows/s",
                chunksFinished,
                human(rowsRead),
                human(rowsPerSecond(System.nanoTime())));
    }

    private long rowsPerSecond(long now) {
        double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
        return (long) (rowsRead / seconds);
    }

    static String human(long n) {
        if (n >= 10_000_000) {
            return String.format("%.1fM", n / 1e6);
        }
        if (n >= 10_000) {
            return (n / 1000) + "k";
        }
        return Long.toString(n);
    }

    void close() {}
}
