package io.neoncdc.postgres.flinkcatalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.testutil.FailOnce;
import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.RandomWriter;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 16's proof: on a server with Neon's limits ({@code max_replication_slots = 10}, {@code
 * max_wal_senders = 10}), one SQL job — a statement set writing each of 12 catalog tables to its
 * own sink, plus a join of two of them — snapshots and streams all 12 under concurrent writers and
 * one injected failure, through one slot and one WAL sender with at most parallelism + 2
 * connections; every table's retract stream is exact and materializes to the table.
 */
class TwelveTablesOneSlotITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final int PARALLELISM = 2;
    private static final int TABLES = 12;
    private static final int ROWS = 2000;

    private static PostgresTestServer server;
    private static TestDatabase db;

    @BeforeAll
    static void setUp() {
        server =
                PostgresTestServer.startEmbedded(
                        Map.of("max_replication_slots", "10", "max_wal_senders", "10"));
        db = server.createDatabase("twelve");
        for (int i = 1; i <= TABLES; i++) {
            db.createIdTable(name(i), ROWS);
            if (i % 2 == 0) {
                // Half the tables as users have them: their old rows come from the keyed state
                // behind the shared source's split, the others' from the WAL.
                db.execute("ALTER TABLE " + name(i) + " REPLICA IDENTITY DEFAULT");
            }
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        server.embedded().close();
    }

    private static String name(int i) {
        return String.format("t%02d", i);
    }

    @Test
    @Timeout(600)
    void twelveTablesAndAJoinThroughOneSlotExactlyOnceWithAFailure() throws Exception {
        assertThat(db.queryValue("SHOW max_replication_slots")).isEqualTo("10");
        String run = UUID.randomUUID().toString();
        StreamTableEnvironment tEnv = CatalogJobs.tableEnv(new Configuration(), PARALLELISM, 500);
        tEnv.executeSql(CatalogJobs.catalogDdl(db, "twelve", "scan.snapshot.chunk.size", "500"));
        StatementSet set = tEnv.createStatementSet();
        for (int i = 1; i <= TABLES; i++) {
            // One sink fails once, while the snapshot and the writers run.
            CatalogJobs.insert(
                    tEnv,
                    set,
                    "sink_" + name(i),
                    run + name(i),
                    "SELECT id, v, s FROM neon.public." + name(i),
                    i == 5 ? 1500 : 0);
        }
        CatalogJobs.insert(
                tEnv,
                set,
                "sink_join",
                run + "join",
                "SELECT a.id, a.v, b.s FROM neon.public.t01 a JOIN neon.public.t02 b ON a.id ="
                        + " b.id",
                0);

        List<RandomWriter> writers = new ArrayList<>();
        for (int i : new int[] {1, 2, 7, 12}) {
            writers.add(RandomWriter.onIds(db, name(i), ROWS + 500).start(1, 100 + i));
        }
        TableResult result = set.execute();
        JobClient job = result.getJobClient().orElseThrow();
        int maxConnections = 0;
        try {
            for (RandomWriter w : writers) {
                w.awaitMoreCommits(150, Duration.ofSeconds(120));
            }
            maxConnections = Math.max(maxConnections, connections());
            assertSlots(false);
            awaitFailureThenMoreWrites(run, writers);
            maxConnections = Math.max(maxConnections, connections());
        } finally {
            for (RandomWriter w : writers) {
                w.close();
            }
        }
        for (int i = 1; i <= TABLES; i++) {
            db.execute(
                    "INSERT INTO "
                            + name(i)
                            + " VALUES ("
                            + CatalogJobs.SENTINEL
                            + ", 0, 'sentinel')");
        }
        for (int i = 1; i <= TABLES; i++) {
            CatalogJobs.awaitSentinel(job, run + name(i));
        }
        CatalogJobs.awaitSentinel(job, run + "join");
        assertSlots(true);
        maxConnections = Math.max(maxConnections, connections());
        job.cancel().get();

        assertThat(FailOnce.failed(run + name(5))).as("the failure was injected").isTrue();
        assertThat(maxConnections)
                .as("connections of the job")
                .isLessThanOrEqualTo(PARALLELISM + 2);
        for (int i = 1; i <= TABLES; i++) {
            CatalogJobs.assertExact(
                    run + name(i),
                    db.queryRows("SELECT id, v, s FROM " + name(i) + " ORDER BY id"));
        }
        CatalogJobs.assertExact(
                run + "join",
                db.queryRows(
                        "SELECT a.id, a.v, b.s FROM t01 a JOIN t02 b ON a.id = b.id ORDER BY"
                                + " a.id"));
    }

    /** One slot on the whole server, the job's; one WAL sender once it streams, none before. */
    private static void assertSlots(boolean streaming) {
        assertThat(db.queryRows("SELECT slot_name FROM pg_replication_slots"))
                .containsExactly("twelve");
        int senders = Integer.parseInt(db.queryValue("SELECT count(*) FROM pg_stat_replication"));
        if (streaming) {
            assertThat(senders).as("WAL senders").isEqualTo(1);
        } else {
            assertThat(senders).as("WAL senders").isLessThanOrEqualTo(1);
        }
    }

    private static int connections() {
        return Integer.parseInt(
                db.queryValue(
                        "SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE"
                            + " 'neon-postgres-cdc%' AND application_name NOT LIKE '%catalog%'"));
    }

    private static void awaitFailureThenMoreWrites(String run, List<RandomWriter> writers)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (!FailOnce.failed(run + name(5)) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        for (RandomWriter w : writers) {
            w.awaitMoreCommits(300, Duration.ofSeconds(120)); // writes after the restore
        }
    }
}
