package io.neoncdc.postgres.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.cli.CliRun;
import io.neoncdc.postgres.testutil.ChangelogJob;
import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code publish} pushed down: with {@code truncate.action = skip} the publication the connector
 * creates does not publish truncates, so the server sends none (checked on the pgoutput bytes of a
 * second slot); the connector's own publication follows the option across restarts; a user's
 * publication must publish what the job needs and is never changed.
 */
@Timeout(180)
class PublishPushdownITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static final String DDL = "CREATE TABLE t (id BIGINT, v INT, s STRING) ";
    private static final String OPS =
            "SELECT pubinsert || ' ' || pubupdate || ' ' || pubdelete || ' ' || pubtruncate"
                    + " FROM pg_publication WHERE pubname = 'neon_cdc_pub'";

    @Test
    void skippedTruncatesAreNeitherPublishedNorSent() throws Exception {
        TestDatabase db = table("pushdown_skip");
        ChangelogJob job =
                new ChangelogJob(1, 200)
                        .start(
                                "SELECT * FROM t",
                                DDL + db.withClause("t", "truncate.action", "skip"));
        String peek = db.name() + "_peek";
        try {
            job.awaitCommitted(
                    r -> Long.valueOf(100).equals(r.getField(0)), Duration.ofSeconds(60));
            assertThat(db.queryValue(OPS)).isEqualTo("true true true false");
            // A second slot from here on shows what the server sends for this publication.
            db.createSlot(peek);
            db.execute(
                    "TRUNCATE t",
                    "INSERT INTO t VALUES (1000, 1, 'after'), (1001, 1, 'gone')",
                    "UPDATE t SET v = 2 WHERE id = 1000",
                    "DELETE FROM t WHERE id = 1001");
            job.awaitCommitted(
                    r -> "gone".equals(r.getField(2)) && r.getKind() == RowKind.DELETE,
                    Duration.ofSeconds(60));
        } finally {
            job.cancel();
        }
        assertThat(messageKinds(db, peek)).isEqualTo("B I I C B U C B D C");
        db.execute("SELECT pg_drop_replication_slot('" + peek + "')");

        // Exact: the snapshot, then the changes after the (skipped) truncate, nothing else.
        assertThat(job.committed()).hasSize(100 + 2 + 2 + 1);
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            expected.add(i + ", 1, a");
        }
        expected.add("1000, 2, after");
        job.assertMaterializesTo(expected, 1);
    }

    @Test
    void theConnectorsOwnPublicationFollowsTruncateAction() throws Exception {
        TestDatabase db = table("pushdown_owned");
        runSnapshot(db, "truncate.action", "skip");
        assertThat(db.queryValue(OPS)).isEqualTo("true true true false");

        CliRun run = validate(db);
        assertThat(run.flat())
                .as(run.toString())
                .contains(
                        "[OK]   Publication neon_cdc_pub: lists public.t; publishes insert, update,"
                                + " delete, which the source changes to insert, update, delete,"
                                + " truncate at start ('truncate.action' = 'fail')");

        // Back to the default: truncates must reach the job again, to fail it.
        Throwable failure =
                failure(db, () -> db.execute("TRUNCATE t"), "slot.name", db.name() + "_s");
        assertThat(db.queryValue(OPS)).isEqualTo("true true true true");
        assertThat(messages(failure)).contains("TRUNCATE of captured table public.t at LSN");

        runSnapshot(db, "truncate.action", "skip", "slot.name", db.name() + "_2");
        assertThat(db.queryValue(OPS)).isEqualTo("true true true false");
    }

    @Test
    void aUsersPublicationMustPublishWhatTheJobNeeds() throws Exception {
        TestDatabase db = table("pushdown_user");
        db.execute("CREATE PUBLICATION neon_cdc_pub FOR TABLE t WITH (publish = 'insert, update')");
        String fix =
                "ALTER PUBLICATION \"neon_cdc_pub\" SET (publish = 'insert, update, delete,"
                        + " truncate');";
        assertThat(messages(failure(db, null)))
                .contains(
                        "Publication 'neon_cdc_pub' does not publish delete, truncate, so those"
                                + " changes of the captured tables would never arrive. The"
                                + " connector does not change a publication it did not create."
                                + " Run: "
                                + fix);
        CliRun run = validate(db);
        assertThat(run.flat())
                .as(run.toString())
                .contains("[FAIL] Publication neon_cdc_pub: Publication 'neon_cdc_pub' does not")
                .contains("\n  " + fix + "\n");

        db.execute("ALTER PUBLICATION neon_cdc_pub SET (publish = 'insert, update, delete')");
        assertThat(messages(failure(db, null)))
                .contains(
                        "does not publish truncate, so a TRUNCATE of a captured table would go"
                                + " unnoticed although 'truncate.action' = 'fail'")
                .contains("(or set 'truncate.action' = 'skip')");
        runSnapshot(db, "truncate.action", "skip");
        assertThat(db.queryValue(OPS)).isEqualTo("true true true false");
        assertThat(db.queryValue("SELECT count(*) FROM pg_publication")).isEqualTo("1");
    }

    /** The pgoutput message kinds the slot has to send now (Relation messages left out). */
    private static String messageKinds(TestDatabase db, String slot) {
        List<String> kinds =
                db.queryRows(
                        "SELECT chr(get_byte(data, 0)) FROM pg_logical_slot_peek_binary_changes('"
                                + slot
                                + "', NULL, NULL, 'proto_version', '1', 'publication_names',"
                                + " 'neon_cdc_pub')");
        kinds.removeIf("R"::equals);
        return String.join(" ", kinds);
    }

    private static void runSnapshot(TestDatabase db, String... options) throws Exception {
        List<String> all = new ArrayList<>(List.of("scan.startup.mode", "snapshot"));
        all.addAll(List.of(options));
        ChangelogJob job =
                new ChangelogJob(1, 200)
                        .start(
                                "SELECT * FROM t",
                                DDL + db.withClause("t", all.toArray(new String[0])));
        job.client().getJobExecutionResult().get();
        job.assertMaterializesTo(db.queryRows("SELECT id, v, s FROM t"), 1);
    }

    /** Starts a streaming job that must fail; runs {@code then} once its snapshot is in. */
    private static Throwable failure(TestDatabase db, Runnable then, String... options)
            throws Exception {
        Configuration config = new Configuration();
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        ChangelogJob job =
                new ChangelogJob(1, 200, config, null)
                        .start("SELECT * FROM t", DDL + db.withClause("t", options));
        if (then != null) {
            job.awaitCommitted(
                    r -> Long.valueOf(100).equals(r.getField(0)), Duration.ofSeconds(60));
            then.run();
        }
        try {
            job.client().getJobExecutionResult().get();
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError("The job did not fail");
    }

    private static String messages(Throwable t) {
        return ExceptionUtils.stringifyException(t);
    }

    private static CliRun validate(TestDatabase db) {
        Map<String, String> options = new LinkedHashMap<>(db.connectionOptions());
        options.put("table-name", "t");
        options.put("slot.name", db.name());
        return CliRun.withOptions("validate", options);
    }

    private static TestDatabase table(String name) {
        TestDatabase db = PostgresTestServer.get().createDatabase(name);
        db.execute(
                "CREATE TABLE t (id bigint PRIMARY KEY, v int, s text)",
                "ALTER TABLE t REPLICA IDENTITY FULL",
                "INSERT INTO t SELECT g, 1, 'a' FROM generate_series(1, 100) g");
        return db;
    }
}
