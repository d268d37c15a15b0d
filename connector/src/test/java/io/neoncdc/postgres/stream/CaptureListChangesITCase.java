package io.neoncdc.postgres.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.metrics.LogCapture;
import io.neoncdc.postgres.testutil.Changelog;
import io.neoncdc.postgres.testutil.ChangelogJob;
import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.RandomWriter;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The capture list changing across restores (review §9): a table removed and added back is
 * snapshotted again, exactly; a table the pattern matches outside a publication the user manages
 * stays out of the capture with a warning (no crash loop) and joins once it is published.
 */
class CaptureListChangesITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static final String DDL =
            "CREATE TABLE t (id BIGINT, v INT, s STRING,"
                    + " tbl STRING METADATA FROM 'table_name' VIRTUAL) ";

    @TempDir Path savepoints;

    private final List<ChangelogJob> jobs = new ArrayList<>();

    /** A job a failed assertion left running would keep the MiniCluster's slots from the next. */
    @AfterEach
    void cancelJobs() {
        for (ChangelogJob job : jobs) {
            try {
                job.cancel();
            } catch (Exception alreadyEnded) {
                // stopped with a savepoint or cancelled by the test
            }
        }
    }

    private ChangelogJob started(ChangelogJob job) {
        jobs.add(job);
        return job;
    }

    @Test
    @Timeout(300)
    void tableRemovedAndAddedBackIsSnapshottedAgain() throws Exception {
        TestDatabase db = PostgresTestServer.get().createDatabase("readded_table");
        for (String t : new String[] {"a", "b"}) {
            db.execute(
                    "CREATE TABLE " + t + " (id bigint PRIMARY KEY, v int, s text)",
                    "ALTER TABLE " + t + " REPLICA IDENTITY FULL",
                    "INSERT INTO " + t + " SELECT g, 0, 'x' || g FROM generate_series(0, 1999) g");
        }
        ChangelogJob first =
                started(
                        new ChangelogJob(1, 300)
                                .start("SELECT * FROM t", DDL + db.withClause("a|b", chunk())));
        first.awaitCommitted(sentinel("a", 1999), Duration.ofSeconds(90));
        first.awaitCommitted(sentinel("b", 1999), Duration.ofSeconds(90));
        String both = savepoint(first);

        // Table a leaves the capture list; what is written to it meanwhile is not streamed.
        ChangelogJob second =
                started(
                        new ChangelogJob(1, 300, restore(both), first.collectorId())
                                .start("SELECT * FROM t", DDL + db.withClause("b", chunk())));
        int beforeSecond = second.committed().size();
        db.execute(
                "UPDATE a SET s = 'gap' WHERE id < 100",
                "DELETE FROM a WHERE id BETWEEN 100 AND 199",
                "INSERT INTO a SELECT g, 1, 'gap' FROM generate_series(5000, 5099) g",
                "INSERT INTO b VALUES (999999, -1, 'sentinel')");
        second.awaitCommitted(r -> "sentinel".equals(r.getField(2)), Duration.ofSeconds(90));
        String narrowed = savepoint(second);
        assertThat(rowsOf("a", second.committed().subList(beforeSecond, second.committed().size())))
                .as("changes of a while it was not captured")
                .isEmpty();

        // Table a comes back: it is snapshotted again (with writers on it), exactly.
        ChangelogJob third;
        int beforeThird = second.committed().size();
        try (RandomWriter wa = RandomWriter.onIds(db, "a", 6000).start(2, 13)) {
            third =
                    started(
                            new ChangelogJob(1, 300, restore(narrowed), first.collectorId())
                                    .start("SELECT * FROM t", DDL + db.withClause("a|b", chunk())));
            wa.awaitMoreCommits(300, Duration.ofSeconds(90));
        }
        db.execute("INSERT INTO a VALUES (999999, -1, 'sentinel-a')");
        third.awaitCommitted(r -> "sentinel-a".equals(r.getField(2)), Duration.ofSeconds(120));
        third.cancel();
        List<Row> all = third.committed();
        List<Row> readded = rowsOf("a", all.subList(beforeThird, all.size()));
        assertThat(readded)
                .as("a's gap rows, re-snapshotted")
                .anyMatch(r -> r.getKind() == RowKind.INSERT && "gap".equals(r.getField(2)));
        assertThat(materialize(readded)).isEqualTo(sorted(db.queryRows("SELECT id, v, s FROM a")));
    }

    @Test
    @Timeout(240)
    void matchingTableOutsideUserPublicationIsSkippedWithWarning() throws Exception {
        TestDatabase db = PostgresTestServer.get().createDatabase("user_publication");
        db.execute(
                "CREATE TABLE p_a (id bigint PRIMARY KEY, v int, s text)",
                "INSERT INTO p_a SELECT g, 0, 'x' || g FROM generate_series(0, 99) g",
                "CREATE PUBLICATION users_pub FOR TABLE p_a");
        String with = db.withClause("p_.*", "publication.name", "users_pub");
        ChangelogJob first = started(new ChangelogJob(1, 300).start("SELECT * FROM t", DDL + with));
        first.awaitCommitted(sentinel("p_a", 99), Duration.ofSeconds(90));
        db.execute(
                "CREATE TABLE p_b (id bigint PRIMARY KEY, v int, s text)",
                "INSERT INTO p_b SELECT g, 0, 'y' || g FROM generate_series(0, 99) g");
        String savepoint = savepoint(first);

        try (LogCapture warnings =
                LogCapture.of(
                        Class.forName("io.neoncdc.postgres.reader.stream.JoiningTables"),
                        Level.WARN)) {
            // The restored stream finds p_b, which the user's publication lacks: it warns and
            // streams on (before: every restart failed the same way).
            ChangelogJob second =
                    started(
                            new ChangelogJob(1, 300, restore(savepoint), first.collectorId())
                                    .start("SELECT * FROM t", DDL + with));
            db.execute("INSERT INTO p_a VALUES (1000, -1, 'sentinel')");
            second.awaitCommitted(r -> "sentinel".equals(r.getField(2)), Duration.ofSeconds(90));
            assertThat(warnings.messages())
                    .anyMatch(m -> m.contains("p_b") && m.contains("ALTER PUBLICATION"));
            assertThat(rowsOf("p_b", second.committed())).isEmpty();

            // Once the user publishes it, its next change makes it join, snapshot included.
            db.execute(
                    "ALTER PUBLICATION users_pub ADD TABLE p_b",
                    "INSERT INTO p_b VALUES (1000, -1, 'sentinel-b')");
            second.awaitCommitted(r -> "sentinel-b".equals(r.getField(2)), Duration.ofSeconds(90));
            second.cancel();
            assertThat(materialize(rowsOf("p_b", second.committed())))
                    .isEqualTo(sorted(db.queryRows("SELECT id, v, s FROM p_b")));
        }
    }

    private String[] chunk() {
        return new String[] {"scan.snapshot.chunk.size", "300"};
    }

    private static java.util.function.Predicate<Row> sentinel(String table, long id) {
        return r -> table.equals(r.getField(3)) && Long.valueOf(id).equals(r.getField(0));
    }

    private static Configuration restore(String savepoint) {
        Configuration restore = new Configuration();
        restore.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        return restore;
    }

    private String savepoint(ChangelogJob job) throws Exception {
        return job.client()
                .stopWithSavepoint(
                        false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                .get();
    }

    /** The rows of one table, without the table column. */
    private static List<Row> rowsOf(String table, List<Row> rows) {
        List<Row> out = new ArrayList<>();
        for (Row r : rows) {
            if (table.equals(r.getField(3))) {
                Row projected = Row.withPositions(r.getKind(), 3);
                projected.setField(0, r.getField(0));
                projected.setField(1, r.getField(1));
                projected.setField(2, r.getField(2));
                out.add(projected);
            }
        }
        return out;
    }

    /** Materializes an exact retract stream (an insert of a present key fails). */
    private static List<String> materialize(List<Row> rows) {
        Map<String, Row> table = Changelog.apply(rows, r -> String.valueOf(r.getField(0)));
        List<String> out = new ArrayList<>();
        table.values()
                .forEach(r -> out.add(r.getField(0) + ", " + r.getField(1) + ", " + r.getField(2)));
        return sorted(out);
    }

    private static List<String> sorted(List<String> rows) {
        List<String> copy = new ArrayList<>(rows);
        Collections.sort(copy);
        return copy;
    }
}
