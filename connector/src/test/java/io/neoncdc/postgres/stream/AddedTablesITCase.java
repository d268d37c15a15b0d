package io.neoncdc.postgres.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.testutil.ChangelogJob;
import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.RandomWriter;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table added to the capture list and restored from a savepoint is snapshotted by the stream
 * reader while streaming continues (with writers on both tables), exactly once; a table removed
 * from the capture list stops being emitted.
 */
class AddedTablesITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    @TempDir Path savepoints;

    @Test
    @Timeout(240)
    void addedTableIsSnapshottedWhileStreaming() throws Exception {
        TestDatabase db = PostgresTestServer.get().createDatabase("added_tables");
        for (String t : new String[] {"a", "b"}) {
            db.execute(
                    "CREATE TABLE " + t + " (id bigint PRIMARY KEY, v int, s text)",
                    "ALTER TABLE " + t + " REPLICA IDENTITY FULL",
                    "INSERT INTO "
                            + t
                            + " SELECT g, 0, '"
                            + t
                            + "' || g FROM generate_series(0, 2999) g");
        }
        String ddl =
                "CREATE TABLE t (id BIGINT, v INT, s STRING,"
                        + " tbl STRING METADATA FROM 'table_name' VIRTUAL) ";
        ChangelogJob first =
                new ChangelogJob(1, 300)
                        .start(
                                "SELECT * FROM t",
                                ddl + db.withClause("a", "scan.snapshot.chunk.size", "500"));
        first.awaitCommitted(
                r -> "a".equals(r.getField(3)) && Long.valueOf(2999).equals(r.getField(0)),
                Duration.ofSeconds(90));
        String savepoint =
                first.client()
                        .stopWithSavepoint(
                                false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get();

        try (RandomWriter wa = RandomWriter.onIds(db, "a", 4000).start(1, 1);
                RandomWriter wb = RandomWriter.onIds(db, "b", 4000).start(2, 2)) {
            Configuration restore = new Configuration();
            restore.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
            ChangelogJob second =
                    new ChangelogJob(1, 300, restore, first.collectorId())
                            .start(
                                    "SELECT * FROM t",
                                    ddl + db.withClause("a|b", "scan.snapshot.chunk.size", "500"));
            wb.awaitMoreCommits(300, Duration.ofSeconds(60)); // writes during b's chunks
            wa.close();
            wb.close();
            db.execute("INSERT INTO b VALUES (999999, -1, 'sentinel')");
            second.awaitCommitted(r -> "sentinel".equals(r.getField(2)), Duration.ofSeconds(120));
            String narrowed =
                    second.client()
                            .stopWithSavepoint(
                                    false,
                                    savepoints.toUri().toString(),
                                    SavepointFormatType.CANONICAL)
                            .get();
            // Per table: an exact changelog that materializes to the table.
            for (String t : new String[] {"a", "b"}) {
                List<Row> rows = new ArrayList<>();
                for (Row r : second.committed()) {
                    if (t.equals(r.getField(3))) {
                        Row projected = Row.withPositions(r.getKind(), 3);
                        projected.setField(0, r.getField(0));
                        projected.setField(1, r.getField(1));
                        projected.setField(2, r.getField(2));
                        rows.add(projected);
                    }
                }
                List<String> actual = materialize(rows);
                List<String> expected = sorted(db.queryRows("SELECT id, v, s FROM " + t));
                List<String> missing = new ArrayList<>(expected);
                missing.removeAll(actual);
                List<String> extra = new ArrayList<>(actual);
                extra.removeAll(expected);
                assertThat(missing).as("rows of %s missing from the changelog", t).isEmpty();
                assertThat(extra).as("rows of %s the changelog has wrong", t).isEmpty();
                assertThat(actual).as("table " + t).isEqualTo(expected);
            }

            // Table a leaves the capture list: its changes stop, b's continue.
            Configuration restoreNarrowed = new Configuration();
            restoreNarrowed.set(StateRecoveryOptions.SAVEPOINT_PATH, narrowed);
            ChangelogJob third =
                    new ChangelogJob(1, 300, restoreNarrowed, first.collectorId())
                            .start(
                                    "SELECT * FROM t",
                                    ddl + db.withClause("b", "scan.snapshot.chunk.size", "500"));
            db.execute(
                    "UPDATE a SET s = 'after-removal' WHERE id < 100",
                    "INSERT INTO b VALUES (999998, -1, 'sentinel-2')");
            third.awaitCommitted(r -> "sentinel-2".equals(r.getField(2)), Duration.ofSeconds(120));
            third.cancel();
            assertThat(third.committed()).noneMatch(r -> "after-removal".equals(r.getField(2)));
        }
    }

    private static List<String> materialize(List<Row> rows) {
        java.util.Map<String, Row> table =
                io.neoncdc.postgres.testutil.Changelog.apply(
                        rows, r -> String.valueOf(r.getField(0)));
        List<String> out = new ArrayList<>();
        table.values()
                .forEach(r -> out.add(r.getField(0) + ", " + r.getField(1) + ", " + r.getField(2)));
        return sorted(out);
    }

    private static List<String> sorted(List<String> rows) {
        List<String> copy = new ArrayList<>(rows);
        java.util.Collections.sort(copy);
        return copy;
    }
}
