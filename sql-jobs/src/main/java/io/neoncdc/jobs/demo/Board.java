package io.neoncdc.jobs.demo;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/** What the console shows, fed by the job's sinks and the metric reporter. */
// The local MiniCluster runs in this JVM and loads the demo's classes from the application class
// loader, so sinks find the board of their run through a static registry keyed by run id.
final class Board {
    /** Latest changes kept per table. */
    static final int RECENT = 2;

    private static final Map<String, Board> BOARDS = new ConcurrentHashMap<>();

    private final Map<String, Deque<ChangeLine>> recent = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byOp = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> rowsPerTable = new ConcurrentHashMap<>();
    private final Map<Long, Revenue> revenue = new ConcurrentHashMap<>();
    private final Map<String, SnapshotGauges> snapshot = new ConcurrentHashMap<>();
    private volatile long latencyMillis = -1;

    static Board open(String runId) {
        return BOARDS.computeIfAbsent(runId, id -> new Board());
    }

    /** The board of a run, or null once the run is over (late records are dropped). */
    static Board find(String runId) {
        return BOARDS.get(runId);
    }

    static void close(String runId) {
        BOARDS.remove(runId);
    }

    /** Called from sink threads. */
    void change(ChangeLine line) {
        byOp.computeIfAbsent(line.op, k -> new LongAdder()).increment();
        if (!"+U".equals(line.kind)) {
            LongAdder rows = rowsPerTable.computeIfAbsent(line.table, k -> new LongAdder());
            rows.add("-D".equals(line.kind) ? -1 : 1);
        }
        if (line.opTs > 0) {
            long latency = Math.max(0, System.currentTimeMillis() - line.opTs);
            long previous = latencyMillis;
            latencyMillis = previous < 0 ? latency : (previous * 7 + latency) / 8;
        }
        Deque<ChangeLine> latest = recent.computeIfAbsent(line.table, t -> new ArrayDeque<>());
        synchronized (latest) {
            latest.addLast(line);
            if (latest.size() > RECENT) {
                latest.removeFirst();
            }
        }
    }

    /** Called from sink threads: an aggregate row was added (+I/+U) or retracted (-U/-D). */
    void revenue(Revenue row, boolean add) {
        if (add) {
            revenue.put(row.customerId, row);
        } else {
            revenue.remove(row.customerId, row);
        }
    }

    /** Called from the metric reporter when a source's enumerator registers its gauges. */
    SnapshotGauges snapshotOf(String source) {
        return snapshot.computeIfAbsent(source, s -> new SnapshotGauges());
    }

    /** The latest changes of one table, oldest first. */
    List<ChangeLine> recentChanges(String table) {
        Deque<ChangeLine> latest = recent.get(table);
        if (latest == null) {
            return List.of();
        }
        synchronized (latest) {
            return new ArrayList<>(latest);
        }
    }

    long count(String op) {
        LongAdder n = byOp.get(op);
        return n == null ? 0 : n.sum();
    }

    /** Rows of a table as Flink sees them now: snapshot rows and inserts minus deletes. */
    long rows(String table) {
        LongAdder n = rowsPerTable.get(table);
        return n == null ? 0 : n.sum();
    }

    long latencyMillis() {
        return latencyMillis;
    }

    List<Revenue> topRevenue(int n) {
        return revenue.values().stream()
                .sorted(Comparator.comparing((Revenue r) -> r.revenue).reversed())
                .limit(n)
                .collect(Collectors.toList());
    }

    int revenueGroups() {
        return revenue.size();
    }

    Map<String, SnapshotGauges> snapshotGauges() {
        return snapshot;
    }
}
