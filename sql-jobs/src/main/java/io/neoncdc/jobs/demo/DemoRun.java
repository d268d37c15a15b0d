package io.neoncdc.jobs.demo;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * One run of the demo from start to a clean stop: database (embedded or external), schema, traffic,
 * the Flink job and the live view; {@link #close()} undoes all of it, in order, exactly once,
 * whether the run ends by its duration, a job failure or Ctrl-C.
 */
final class DemoRun implements AutoCloseable {
    private final DemoOptions options;
    private final ConnectionSettings external;
    private final Screen screen;
    private final String runId = UUID.randomUUID().toString();
    private final List<DemoTable> tables = Arrays.asList(DemoTable.values());
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private final long startNanos = System.nanoTime();
    private EmbeddedServer embedded;
    private TrafficGenerator traffic;
    private JobClient job;
    private long jobStartNanos;
    private ConnectionSettings db;
    private volatile boolean signalled;
    private boolean jobFailed;
    private ConsoleView view;
    private boolean closing;

    DemoRun(DemoOptions options, ConnectionSettings external, PrintStream out) {
        this.options = options;
        this.external = external;
        this.screen = new Screen(out, !options.plain && Screen.isTerminal());
    }

    /** Runs until the duration ends, the job fails or {@link #requestStop()}; then closes. */
    int run() throws Exception {
        Board board = Board.open(runId);
        ExecutorService planner = Executors.newSingleThreadExecutor(DemoRun::plannerThread);
        try {
            if (external != null && !preflight()) {
                return 2;
            }
            ConnectionSettings target = external != null ? external : EmbeddedServer.plan();
            // The planner needs seconds: warm it up while PostgreSQL starts; the catalog then
            // reads the tables once the database is ready.
            CompletableFuture<Void> databaseReady = new CompletableFuture<>();
            Future<StreamExecutionEnvironment> pipeline =
                    planner.submit(() -> CdcJob.build(target, runId, tables, databaseReady));
            try {
                prepareDatabase(target);
            } catch (Exception e) {
                databaseReady.completeExceptionally(e);
                throw e;
            }
            databaseReady.complete(null);
            db = target;
            traffic = new TrafficGenerator(db, options.rate);
            traffic.start();
            if (stopRequested()) {
                return 0; // Ctrl-C during start-up
            }
            step("Starting Flink (local MiniCluster, parallelism " + CdcJob.PARALLELISM + ")...");
            job = CdcJob.submit(pipeline.get());
            jobStartNanos = System.nanoTime();
            view = new ConsoleView(board, tables, header(db));
            return watch();
        } finally {
            planner.shutdownNow();
            close();
        }
    }

    private static Thread plannerThread(Runnable r) {
        Thread t = new Thread(r, "demo-planner");
        t.setDaemon(true);
        return t;
    }

    /** Checks an external server; false (after saying why) when the demo cannot use it. */
    private boolean preflight() throws SQLException {
        step("Connecting to " + external + "...");
        String problem = NeonPreflight.problem(external, options.setup);
        if (problem != null) {
            screen.say("Cannot run the demo against " + external.host + ": " + problem);
        }
        return problem == null;
    }

    /** Starts the embedded server, or prepares the external one; creates the schema if asked. */
    private void prepareDatabase(ConnectionSettings target) throws Exception {
        if (external == null) {
            step("Starting an embedded PostgreSQL (wal_level=logical) on 127.0.0.1...");
            embedded = EmbeddedServer.start(target);
            setUp(target);
            return;
        }
        if (options.setup) {
            setUp(external);
        }
        // Leftovers of an interrupted run would start the stream from an old position.
        DemoSlots.drop(external, slotNames(), 0);
    }

    private void setUp(ConnectionSettings db) throws SQLException {
        step(
                "Creating schema "
                        + ShopSchema.SCHEMA
                        + " (customers, orders, order_items, partitioned events), seed data and"
                        + " publication "
                        + ShopSchema.PUBLICATION
                        + "...");
        try (Connection c = db.connect()) {
            ShopSchema.create(c, options.orders);
        }
    }

    private int watch() throws Exception {
        long deadline =
                options.duration == null
                        ? Long.MAX_VALUE
                        : jobStartNanos + options.duration.toNanos();
        boolean stop = false;
        while (true) {
            JobStatus status = JobWatch.status(job);
            screen.show(view.frame(statusLines(status)));
            // Every 1 s while redrawing in place, 5 s for frames printed one after another.
            Duration refresh =
                    options.refresh != null
                            ? options.refresh
                            : Duration.ofSeconds(screen.redraws() ? 1 : 5);
            if (status.isGloballyTerminalState()) {
                jobFailed = true;
                screen.say("The Flink job " + status + ": " + JobWatch.failureCause(job));
                return 1;
            }
            if (stop || System.nanoTime() >= deadline) {
                return 0;
            }
            long wait = Math.min(refresh.toNanos(), Math.max(0, deadline - System.nanoTime()));
            stop = stopRequested.await(wait, TimeUnit.NANOSECONDS);
        }
    }

    /** A start-up step, stamped with the time since start. */
    private void step(String what) {
        long millis = (System.nanoTime() - startNanos) / 1_000_000L;
        screen.say(String.format("[%5.1f s] %s", millis / 1000.0, what));
    }

    private List<String> header(ConnectionSettings db) throws SQLException {
        String where = embedded != null ? "embedded PostgreSQL" : "PostgreSQL";
        try (Connection c = db.connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SHOW server_version")) {
            rs.next();
            where += " " + rs.getString(1).split(" ")[0];
        }
        String log = System.getProperty(Demo.LOG_FILE_PROPERTY);
        return List.of(
                "neon-postgres-cdc demo | "
                        + where
                        + " at "
                        + db.host
                        + ":"
                        + db.port
                        + "/"
                        + db.database,
                "Flink MiniCluster: parallelism "
                        + CdcJob.PARALLELISM
                        + ", checkpoint every "
                        + CdcJob.CHECKPOINT_INTERVAL
                        + (log == null ? "" : " | log " + log));
    }

    private List<String> statusLines(JobStatus status) {
        long seconds = (System.nanoTime() - startNanos) / 1_000_000_000L;
        return List.of(
                String.format(
                        "%02d:%02d | job %s | traffic %,d tx, %,d rows (target %d rows/s)%s | %s",
                        seconds / 60,
                        seconds % 60,
                        status,
                        traffic.transactions(),
                        traffic.rows(),
                        traffic.targetRate(),
                        traffic.errors() == 0 ? "" : String.format(", %d errors", traffic.errors()),
                        options.duration == null
                                ? "Ctrl-C stops"
                                : "stops after " + options.duration.getSeconds() + " s"));
    }

    /** Asks the run to stop (any thread). */
    void requestStop() {
        stopRequested.countDown();
    }

    /** Ctrl-C or SIGTERM: stop, with a shorter consistency check. */
    void signalStop() {
        signalled = true;
        requestStop();
    }

    /** Waits until {@link #close()} has finished. */
    boolean awaitClosed(Duration timeout) throws InterruptedException {
        return closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private boolean stopRequested() {
        return stopRequested.getCount() == 0;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        try {
            requestStop();
            if (view != null) {
                screen.say("Snapshot " + view.snapshotSummary() + ".");
                screen.say(summary());
            }
            Board board = Board.find(runId);
            // Only a streaming job can catch up with PostgreSQL; after Ctrl-C wait less.
            long wait = signalled ? 5_000 : 15_000;
            Shutdown.Step check =
                    view == null || jobFailed || !view.snapshotComplete()
                            ? null
                            : () -> screen.say(new ConsistencyCheck(db, board, tables).run(wait));
            // Slots are dropped only on a server the demo used (not on a refused -pooler host).
            ConnectionSettings used = db == external ? external : null;
            new Shutdown(screen).run(traffic, check, job, embedded, used, slotNames());
        } finally {
            Board.close(runId);
            closed.countDown();
        }
    }

    private String summary() {
        Board board = Board.find(runId);
        return board == null
                ? ""
                : String.format(
                        "Change stream: %,d inserts, %,d updates, %,d deletes after %,d snapshot"
                                + " rows; revenue aggregate: %,d customers.",
                        board.count("c"),
                        board.count("u"),
                        board.count("d"),
                        board.count("r"),
                        board.revenueGroups());
    }

    private List<String> slotNames() {
        List<String> names = new ArrayList<>();
        tables.forEach(t -> names.add(t.slotName()));
        return names;
    }
}
