package io.neoncdc.jobs.bench;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;

/**
 * Issue 16's figure: the stream drain of a 12-table workload (a backlog of single-table
 * transactions spread over 12 tables) through ONE shared slot (the catalog: one WAL sender decodes
 * the WAL once) vs 12 SQL tables with a slot each in the same job (12 WAL senders each decode all
 * of it), both in Flink SQL, from the first to the last change. Part {@code shared} of {@link
 * Bench}, or on its own: {@code java -cp neon-postgres-cdc-sql-jobs-bench.jar
 * io.neoncdc.jobs.bench.SharedSlotBench [changes] [runs]}.
 */
public final class SharedSlotBench {
    static final int TABLES = 12;
    static final String PUBLICATION = "bench_shared_pub";
    static final int ROWS_PER_TRANSACTION = 10;

    private final BenchServer server;
    private final BenchCluster cluster;
    private final PrintStream out;

    SharedSlotBench(BenchServer server, BenchCluster cluster, PrintStream out) {
        this.server = server;
        this.cluster = cluster;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        long changes = args.length > 0 ? Long.parseLong(args[0]) : 240_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        BenchLogging.configure(
                java.nio.file.Path.of(
                        System.getProperty("java.io.tmpdir"), "neon-postgres-cdc-bench.log"));
        try (BenchServer server = BenchServer.start();
                BenchCluster cluster = BenchCluster.start()) {
            System.out.println(Machine.describe(server));
            Figure figure = new SharedSlotBench(server, cluster, System.out).run(changes, runs);
            System.out.printf(
                    Locale.ROOT,
                    "%s: %s %s | %s: %s %s | ratio %.2fx%n",
                    figure.name,
                    figure.ours.describe(),
                    figure.unit,
                    figure.baselineName,
                    figure.baseline.describe(),
                    figure.unit,
                    figure.ratio());
        }
        System.exit(0);
    }

    static String table(int i) {
        return String.format(Locale.ROOT, "bench_shared_t%02d", i);
    }

    /** Creates the tables, then per run the slots, the backlog, and both drains. */
    Figure run(long changes, int runs) throws Exception {
        String label =
                String.format(Locale.ROOT, "drain %,d changes over %d tables", changes, TABLES);
        Figure figure =
                new Figure(
                        label + ", one shared slot",
                        "changes/s",
                        TABLES + " SQL tables, a slot each");
        createTables();
        for (int r = 1; r <= runs; r++) {
            String shared = "bench_shared_one_" + r;
            String[] own = new String[TABLES];
            for (int i = 1; i <= TABLES; i++) {
                own[i - 1] = "bench_shared_own_" + r + "_" + i;
            }
            List<String> slots = new ArrayList<>(List.of(own));
            slots.add(shared);
            Slots.create(server, slots.toArray(new String[0]));
            try {
                write(changes, (r - 1) * changes);
                double separate = drain(changes, false, shared, own);
                double one = drain(changes, true, shared, own);
                figure.ours.add(changes / one);
                figure.baseline.add(changes / separate);
                out.printf(
                        Locale.ROOT,
                        "  %s run %d: one slot %,.0f/s | %d slots %,.0f/s%n",
                        label,
                        r,
                        changes / one,
                        TABLES,
                        changes / separate);
            } finally {
                Slots.drop(server, slots.toArray(new String[0]));
            }
        }
        return figure;
    }

    private void createTables() throws SQLException {
        try (Connection c = server.connect();
                Statement st = c.createStatement()) {
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= TABLES; i++) {
                st.execute("DROP TABLE IF EXISTS " + table(i));
                st.execute("CREATE TABLE " + table(i) + " (id bigint PRIMARY KEY, v int, s text)");
                st.execute("ALTER TABLE " + table(i) + " REPLICA IDENTITY FULL");
                names.add(table(i));
            }
            st.execute("DROP PUBLICATION IF EXISTS " + PUBLICATION);
            st.execute(
                    "CREATE PUBLICATION " + PUBLICATION + " FOR TABLE " + String.join(", ", names));
        }
    }

    /** The backlog: transactions of a few inserts, round-robin over the tables. */
    private void write(long changes, long first) throws SQLException {
        try (Connection c = server.connect();
                Statement st = c.createStatement()) {
            long id = first;
            int t = 0;
            while (id < first + changes) {
                long to = Math.min(id + ROWS_PER_TRANSACTION, first + changes) - 1;
                st.execute(
                        "INSERT INTO "
                                + table(t % TABLES + 1)
                                + " SELECT g, g % 100, 'row' || g FROM generate_series("
                                + id
                                + ", "
                                + to
                                + ") g");
                id = to + 1;
                t++;
            }
        }
    }

    /** One job reading every table from the backlog, from its first to its last change. */
    private double drain(long changes, boolean oneSlot, String shared, String[] own)
            throws Exception {
        Progress.reset(changes);
        StreamExecutionEnvironment env = BenchCluster.env(1, Duration.ofSeconds(10));
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);
        Map<String, String> connection = server.connectorOptions();
        if (oneSlot) {
            tEnv.executeSql(
                    "CREATE CATALOG neon WITH ('type' = 'neon-postgres-cdc', "
                            + options(connection)
                            + ", 'publication.name' = '"
                            + PUBLICATION
                            + "', 'slot.name' = '"
                            + shared
                            + "', 'scan.startup.mode' = 'committed-offset')");
        }
        DataStream<Row> all = null;
        for (int i = 1; i <= TABLES; i++) {
            String source = "neon.public." + table(i);
            if (!oneSlot) {
                source = table(i);
                tEnv.executeSql(
                        "CREATE TABLE "
                                + source
                                + " (id BIGINT, v INT, s STRING) WITH ('connector' ="
                                + " 'neon-postgres-cdc', "
                                + options(connection)
                                + ", 'table-name' = '"
                                + table(i)
                                + "', 'publication.name' = '"
                                + PUBLICATION
                                + "', 'slot.name' = '"
                                + own[i - 1]
                                + "', 'scan.startup.mode' = 'committed-offset')");
            }
            DataStream<Row> rows = tEnv.toChangelogStream(tEnv.sqlQuery("SELECT * FROM " + source));
            all = all == null ? rows : all.union(rows);
        }
        all.map(SharedSlotBench::count).sinkTo(new DiscardingSink<>());
        JobID job = cluster.submit(env, "bench shared slot " + (oneSlot ? "one" : "each"));
        try {
            long last = Progress.awaitLast(cluster, job, Duration.ofMinutes(30));
            return (last - Progress.firstNanos()) / 1e9;
        } finally {
            cluster.cancel(job);
        }
    }

    private static Integer count(Row row) {
        Progress.onEvent();
        return 0;
    }

    private static String options(Map<String, String> options) {
        StringBuilder sb = new StringBuilder();
        options.forEach(
                (k, v) ->
                        sb.append(sb.length() == 0 ? "" : ", ")
                                .append("'")
                                .append(k)
                                .append("' = '")
                                .append(v.replace("'", "''"))
                                .append("'"));
        return sb.toString();
    }
}
