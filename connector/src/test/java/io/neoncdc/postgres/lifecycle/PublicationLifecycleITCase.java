package io.neoncdc.postgres.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.testutil.ChangelogJob;
import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Publication and slot lifecycle: the publication is created when missing (filtered by default, or
 * for all tables), extended only when the connector created it, never touched in read-only mode; a
 * bounded snapshot job drops its slot when it finishes.
 */
class PublicationLifecycleITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static final String DDL = "CREATE TABLE t (id BIGINT, v INT, s STRING) ";

    @Test
    @Timeout(120)
    void createsAFilteredPublicationAndExtendsOnlyItsOwn() throws Exception {
        TestDatabase db = tables("pub_filtered", "a", "b");
        runSnapshot(db, "a");
        assertThat(
                        db.queryRows(
                                "SELECT tablename FROM pg_publication_tables WHERE pubname ="
                                        + " 'neon_cdc_pub'"))
                .containsExactly("a");
        assertThat(
                        db.queryValue(
                                "SELECT pubviaroot FROM pg_publication WHERE pubname ="
                                        + " 'neon_cdc_pub'"))
                .isEqualTo("t");
        // Capturing one more table later: the connector's own publication gets it added.
        runSnapshot(db, "a|b");
        assertThat(
                        db.queryRows(
                                "SELECT tablename FROM pg_publication_tables WHERE pubname ="
                                        + " 'neon_cdc_pub' ORDER BY 1"))
                .containsExactly("a", "b");
    }

    @Test
    @Timeout(120)
    void neverAltersAPublicationItDidNotCreate() throws Exception {
        TestDatabase db = tables("pub_foreign", "a", "b");
        db.execute("CREATE PUBLICATION neon_cdc_pub FOR TABLE a");
        assertThat(failure(db, "a|b"))
                .contains("does not change a publication it did not create")
                .contains("ALTER PUBLICATION \"neon_cdc_pub\" ADD TABLE \"public\".\"b\";");
    }

    @Test
    @Timeout(120)
    void allTablesAndReadOnly() throws Exception {
        TestDatabase db = tables("pub_all", "a");
        runSnapshot(db, "a", "publication.auto-create", "all-tables");
        assertThat(
                        db.queryValue(
                                "SELECT puballtables FROM pg_publication WHERE pubname ="
                                        + " 'neon_cdc_pub'"))
                .isEqualTo("t");

        TestDatabase ro = tables("pub_readonly", "a");
        assertThat(failure(ro, "a", "read-only", "true"))
                .contains("Publication 'neon_cdc_pub' does not exist")
                .contains("CREATE PUBLICATION")
                .contains("'read-only' = 'true' never creates it");
        assertThat(ro.queryRows("SELECT pubname FROM pg_publication")).isEmpty();
    }

    @Test
    @Timeout(120)
    void readOnlyRoleWithOnlySelectAndReplicationStreams() throws Exception {
        TestDatabase db = tables("pub_ro_role", "a");
        db.execute(
                "CREATE PUBLICATION neon_cdc_pub FOR TABLE a",
                "DROP ROLE IF EXISTS cdc_reader",
                "CREATE ROLE cdc_reader WITH LOGIN REPLICATION PASSWORD 'reader'",
                "GRANT SELECT ON a TO cdc_reader",
                "INSERT INTO a VALUES (1, 1, 'one')");
        String with =
                db.withClause("a", "read-only", "true")
                        .replace(
                                "'username' = '" + db.server().user() + "'",
                                "'username' = 'cdc_reader'")
                        .replace(
                                "'password' = '" + db.server().password() + "'",
                                "'password' = 'reader'");
        ChangelogJob job = new ChangelogJob(1, 200).start("SELECT * FROM t", DDL + with);
        job.awaitCommitted(r -> Long.valueOf(1).equals(r.getField(0)), Duration.ofSeconds(60));
        db.execute("INSERT INTO a VALUES (2, 2, 'two')");
        job.awaitCommitted(r -> Long.valueOf(2).equals(r.getField(0)), Duration.ofSeconds(60));
        job.cancel();
    }

    @Test
    @Timeout(120)
    void boundedSnapshotDropsItsSlot() throws Exception {
        TestDatabase db = tables("slot_drop", "a");
        db.execute("INSERT INTO a SELECT g, 1, 'x' FROM generate_series(1, 50) g");
        runSnapshot(db, "a");
        // The enumerator drops the slot while the finished job shuts down.
        String query =
                "SELECT slot_name FROM pg_replication_slots WHERE slot_name = '" + db.name() + "'";
        for (int i = 0; i < 100 && !db.queryRows(query).isEmpty(); i++) {
            Thread.sleep(100);
        }
        assertThat(db.queryRows(query)).isEmpty();
    }

    private static void runSnapshot(TestDatabase db, String tables, String... extra)
            throws Exception {
        String[] options = new String[extra.length + 2];
        options[0] = "scan.startup.mode";
        options[1] = "snapshot";
        System.arraycopy(extra, 0, options, 2, extra.length);
        ChangelogJob job =
                new ChangelogJob(1, 200)
                        .start("SELECT * FROM t", DDL + db.withClause(tables, options));
        job.client().getJobExecutionResult().get();
    }

    private static String failure(TestDatabase db, String tables, String... extra)
            throws Exception {
        Configuration config = new Configuration();
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        ChangelogJob job =
                new ChangelogJob(1, 200, config, null)
                        .start("SELECT * FROM t", DDL + db.withClause(tables, extra));
        try {
            job.client().getJobExecutionResult().get();
        } catch (Exception e) {
            return ExceptionUtils.stringifyException(e);
        }
        throw new AssertionError("The job did not fail");
    }

    private static TestDatabase tables(String name, String... tables) {
        TestDatabase db = PostgresTestServer.get().createDatabase(name);
        for (String t : tables) {
            db.execute(
                    "CREATE TABLE " + t + " (id bigint PRIMARY KEY, v int, s text)",
                    "ALTER TABLE " + t + " REPLICA IDENTITY FULL");
        }
        return db;
    }
}
