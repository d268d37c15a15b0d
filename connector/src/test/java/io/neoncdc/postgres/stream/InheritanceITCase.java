package io.neoncdc.postgres.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.testutil.ChangelogJob;
import io.neoncdc.postgres.testutil.FailOnce;
import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.RandomWriter;
import io.neoncdc.postgres.testutil.TestDatabase;
import io.neoncdc.postgres.validation.FailingJob;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Inheritance children ({@code INHERITS}, the shape of TimescaleDB chunks): a query on the parent
 * returns their rows, but their changes are published under their own names. A parent captured
 * without its children is refused with the explanation; captured together, every table is read on
 * its own ({@code FROM ONLY}) and streamed under its own name, exactly, under concurrent writers on
 * parent and child and one failure.
 */
class InheritanceITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final int ROWS = 4_000;
    private static final int CHILD_IDS = 100_000;

    private static TestDatabase tables(String name) {
        TestDatabase db = PostgresTestServer.get().createDatabase(name);
        db.execute(
                "CREATE TABLE m (id bigint PRIMARY KEY, v int, s text)",
                "CREATE TABLE m_child (CHECK (id >= " + CHILD_IDS + ")) INHERITS (m)",
                "ALTER TABLE m_child ADD PRIMARY KEY (id)",
                "INSERT INTO m SELECT g, g % 100, 'parent' || g FROM generate_series(0, "
                        + (ROWS - 1)
                        + ") g",
                "INSERT INTO m_child SELECT g, g % 100, 'child' || g FROM generate_series("
                        + CHILD_IDS
                        + ", "
                        + (CHILD_IDS + ROWS - 1)
                        + ") g",
                "ANALYZE m",
                "ANALYZE m_child");
        return db;
    }

    @Test
    @Timeout(120)
    void parentWithoutItsChildrenIsRefused() throws Exception {
        TestDatabase db = tables("inherit_refused");
        assertThat(
                        FailingJob.messages(
                                "CREATE TABLE t (id BIGINT, v INT, s STRING, PRIMARY KEY (id) NOT"
                                        + " ENFORCED) "
                                        + db.withClause("m")))
                .contains("public.m (children public.m_child)")
                .contains("have inheritance children")
                .contains("publishes every child's changes under the child's own name")
                .contains("add public.m_child to 'table-name'");
        assertThat(
                        db.queryValue(
                                "SELECT count(*) FROM pg_replication_slots WHERE database ="
                                        + " current_database()"))
                .as("refused before a slot was created")
                .isEqualTo("0");
    }

    @Test
    @Timeout(300)
    void parentAndChildrenAreCapturedTableByTable() throws Exception {
        TestDatabase db = tables("inherit_captured");
        Configuration config = new Configuration();
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        config.set(
                RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        // Disjoint key ranges: a statement on the parent without ONLY touches no child row.
        try (RandomWriter parent = RandomWriter.onIds(db, "m", ROWS + ROWS / 2).start(1, 3);
                RandomWriter child =
                        new RandomWriter(
                                        db,
                                        "m_child",
                                        new String[] {"id"},
                                        n -> new Object[] {(long) CHILD_IDS + n},
                                        ROWS + ROWS / 2)
                                .start(1, 4)) {
            ChangelogJob job = new ChangelogJob(2, 200, config, null);
            job.through(new FailOnce(job.collectorId(), ROWS, 200))
                    .start(
                            "SELECT * FROM t",
                            "CREATE TABLE t (tbl STRING METADATA FROM 'table_name' VIRTUAL, id"
                                    + " BIGINT, v INT, s STRING, PRIMARY KEY (id) NOT ENFORCED) "
                                    + db.withClause(
                                            "m|m_child", "scan.snapshot.chunk.size", "1000"));
            job.awaitCommitted(r -> true, Duration.ofSeconds(120));
            parent.awaitMoreCommits(200, Duration.ofSeconds(60));
            child.awaitMoreCommits(200, Duration.ofSeconds(60));
            parent.close();
            child.close();
            db.execute("INSERT INTO m_child VALUES (" + (2 * CHILD_IDS) + ", 1, 'sentinel')");
            job.awaitCommitted(r -> "sentinel".equals(r.getField(3)), Duration.ofSeconds(120));
            job.cancel();
            assertThat(FailOnce.failed(job.collectorId())).as("the failure was injected").isTrue();
            job.assertMaterializesTo(
                    db.queryRows(
                            "SELECT 'm', id, v, s FROM ONLY m UNION ALL"
                                    + " SELECT 'm_child', id, v, s FROM m_child"),
                    2);
        }
    }
}
