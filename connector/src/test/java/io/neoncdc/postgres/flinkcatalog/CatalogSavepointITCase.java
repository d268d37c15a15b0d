package io.neoncdc.postgres.flinkcatalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.RandomWriter;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A catalog job's shared source keeps its state across a stop-with-savepoint into a new version of
 * the job at another parallelism that reads one more table: the restored stream goes on for the old
 * tables and snapshots the new one while streaming (JoiningTables), exactly once, all through the
 * one slot.
 */
class CatalogSavepointITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @TempDir Path savepoints;

    @Test
    @Timeout(400)
    void restoredIntoARescaledJobWithAnAddedTable() throws Exception {
        TestDatabase db = PostgresTestServer.get().createDatabase("catalog_savepoint");
        for (String t : new String[] {"a", "b", "c"}) {
            db.createIdTable(t, 3000);
        }
        String run = UUID.randomUUID().toString();
        String slot = db.name();
        JobClient first;
        try (RandomWriter wa = RandomWriter.onIds(db, "a", 3500).start(1, 1);
                RandomWriter wb = RandomWriter.onIds(db, "b", 3500).start(1, 2)) {
            first = start(db, slot, run, new Configuration(), 1, "a", "b");
            wa.awaitMoreCommits(200, Duration.ofSeconds(90));
            wb.awaitMoreCommits(200, Duration.ofSeconds(90));
            db.execute("INSERT INTO a VALUES (" + CatalogJobs.SENTINEL + ", 0, 'first')");
            CatalogJobs.awaitSentinel(first, run + "a"); // streaming, writers still on
        }
        String savepoint =
                first.stopWithSavepoint(
                                false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get();
        db.execute("DELETE FROM a WHERE id = " + CatalogJobs.SENTINEL);

        Configuration restore = new Configuration();
        restore.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        JobClient second;
        try (RandomWriter wa = RandomWriter.onIds(db, "a", 3500).start(1, 3);
                RandomWriter wc = RandomWriter.onIds(db, "c", 3500).start(1, 4)) {
            second = start(db, slot, run, restore, 2, "a", "b", "c");
            wc.awaitMoreCommits(300, Duration.ofSeconds(120)); // during and after c's snapshot
            wa.awaitMoreCommits(300, Duration.ofSeconds(120));
        }
        for (String t : new String[] {"a", "b", "c"}) {
            db.execute("INSERT INTO " + t + " VALUES (" + CatalogJobs.SENTINEL + ", 1, 'last')");
        }
        for (String t : new String[] {"a", "b", "c"}) {
            CatalogJobs.awaitSentinel(second, run + t);
        }
        assertThat(
                        db.queryValue(
                                "SELECT count(*) FROM pg_replication_slots WHERE database ="
                                        + " current_database()"))
                .isEqualTo("1");
        second.cancel().get();
        for (String t : new String[] {"a", "b", "c"}) {
            CatalogJobs.assertExact(
                    run + t, db.queryRows("SELECT id, v, s FROM " + t + " ORDER BY id"));
        }
    }

    private static JobClient start(
            TestDatabase db,
            String slot,
            String run,
            Configuration conf,
            int parallelism,
            String... tables)
            throws Exception {
        StreamTableEnvironment tEnv = CatalogJobs.tableEnv(conf, parallelism, 300);
        tEnv.executeSql(CatalogJobs.catalogDdl(db, slot, "scan.snapshot.chunk.size", "500"));
        StatementSet set = tEnv.createStatementSet();
        for (String t : tables) {
            CatalogJobs.insert(
                    tEnv, set, "sink_" + t, run + t, "SELECT id, v, s FROM neon.public." + t, 0);
        }
        return set.execute().getJobClient().orElseThrow();
    }
}
