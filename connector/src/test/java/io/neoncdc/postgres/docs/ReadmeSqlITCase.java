package io.neoncdc.postgres.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.testutil.Changelog;
import io.neoncdc.postgres.testutil.ChangelogJob;
import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SQL examples of README.md run as written against a plain {@code CREATE TABLE orders (id
 * bigint PRIMARY KEY, …)} (default REPLICA IDENTITY, no ALTER): only the connection values (host,
 * port, role, password, database, TLS mode) and the slot name are replaced by the test server's.
 */
class ReadmeSqlITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static final Pattern SQL_BLOCK = Pattern.compile("```sql\n(.*?)```", Pattern.DOTALL);
    private static final Pattern CONNECTION_OPTION =
            Pattern.compile("'(hostname|username|password|database-name|ssl\\.mode)' = '[^']*'");

    private static List<String> blocks;
    private static TestDatabase db;

    @BeforeAll
    static void readme() throws Exception {
        String readme =
                new String(
                        Files.readAllBytes(Paths.get("..", "README.md")), StandardCharsets.UTF_8);
        blocks = new ArrayList<>();
        Matcher m = SQL_BLOCK.matcher(readme);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        db = PostgresTestServer.get().createDatabase("readme_sql");
        db.execute(
                "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, total"
                        + " numeric(12, 2), created timestamptz)",
                "INSERT INTO orders SELECT g, g % 7, g * 1.25, now() - g * interval '1 hour'"
                        + " FROM generate_series(1, 100) g");
    }

    /** The block's statements with this server's connection values and slot. */
    private static List<String> statements(String block, String slot) {
        Matcher m = CONNECTION_OPTION.matcher(block);
        StringBuffer sb = new StringBuffer();
        Map<String, String> options = db.connectionOptions();
        while (m.find()) {
            String value = options.get(m.group(1));
            String replacement = "'" + m.group(1) + "' = '" + value + "'";
            if (m.group(1).equals("hostname")) {
                replacement +=
                        ", 'port' = '" + options.get("port") + "', 'slot.name' = '" + slot + "'";
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        List<String> result = new ArrayList<>();
        for (String statement : sb.toString().replaceAll("--[^\n]*", "").split(";")) {
            if (!statement.isBlank()) {
                result.add(statement.trim());
            }
        }
        return result;
    }

    private static String block(String containing) {
        return blocks.stream()
                .filter(b -> b.contains(containing))
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError("README has no SQL block with " + containing));
    }

    @Test
    @Timeout(300)
    void firstJobIsExactOnADefaultIdentityTable() throws Exception {
        List<String> sql = statements(block("CREATE TABLE orders"), "readme_first_job");
        assertThat(sql).hasSize(2);
        ChangelogJob job = new ChangelogJob(1, 200).start(sql.get(1), sql.get(0));
        job.awaitCommitted(r -> true, Duration.ofSeconds(120));
        db.execute(
                "UPDATE orders SET total = total + 1 WHERE id % 3 = 0",
                "DELETE FROM orders WHERE id % 5 = 0",
                "UPDATE orders SET id = id + 1000 WHERE id = 7",
                "INSERT INTO orders VALUES (999, 1, 9.99, now())");
        job.awaitCommitted(r -> Long.valueOf(999).equals(r.getField(0)), Duration.ofSeconds(120));
        job.cancel();

        // The metadata columns (op, op_ts) of a -U/-D are those of the change that retracts, as
        // in Flink's Debezium formats: the exact-retraction check applies to the table's columns.
        List<Row> physical = new ArrayList<>();
        for (Row r : job.committed()) {
            physical.add(
                    Row.ofKind(
                            r.getKind(),
                            r.getField(0),
                            r.getField(1),
                            r.getField(2),
                            r.getField(3)));
        }
        Map<String, Row> result = Changelog.apply(physical, r -> "" + r.getField(0));
        Map<String, String> actual = new TreeMap<>();
        result.forEach((id, r) -> actual.put(id, r.getField(1) + ", " + r.getField(2)));
        Map<String, String> expected = new TreeMap<>();
        for (String row : db.queryRows("SELECT id, customer_id, total FROM orders")) {
            expected.put(row.substring(0, row.indexOf(',')), row.substring(row.indexOf(',') + 2));
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(job.committed())
                .as("op metadata: snapshot rows, then the changes")
                .extracting(r -> r.getField(4))
                .contains("r", "u", "d", "c");
    }

    @Test
    @Timeout(300)
    void signalExampleReSnapshotsTheFirstJobsTable() throws Exception {
        db.execute(
                "CREATE TABLE IF NOT EXISTS public.neon_cdc_signal (id varchar PRIMARY KEY, type"
                        + " varchar, data varchar)");
        List<String> job = statements(block("CREATE TABLE orders"), "readme_signal");
        // Re-snapshots need 'changelog-mode' = 'upsert' and 'signal.table' (README, Signals).
        String ddl =
                job.get(0)
                        .replace(
                                "'table-name' = 'orders',",
                                "'table-name' = 'orders', 'changelog-mode' = 'upsert',"
                                        + " 'signal.table' = 'public.neon_cdc_signal',");
        assertThat(ddl).contains("'signal.table'");
        ChangelogJob running = new ChangelogJob(1, 200).start(job.get(1), ddl);
        running.awaitCommitted(r -> true, Duration.ofSeconds(120));
        long recent =
                Long.parseLong(
                        db.queryValue(
                                "SELECT count(*) FROM orders WHERE created > now() - interval '1"
                                        + " day'"));
        assertThat(recent).isPositive();
        List<String> signals = statements(block("neon_cdc_signal"), "unused");
        assertThat(signals).hasSize(2);
        long snapshotRows = reads(running);
        db.execute(signals.get(0));
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (reads(running) < snapshotRows + recent) {
            assertThat(System.nanoTime()).as("the re-snapshot's rows").isLessThan(deadline);
            Thread.sleep(100);
        }
        db.execute(signals.get(1));
        running.cancel();
    }

    /** Rows read by a snapshot or re-snapshot ({@code op = r}) so far. */
    private static long reads(ChangelogJob job) {
        return job.committed().stream().filter(r -> "r".equals(r.getField(4))).count();
    }

    @Test
    @Timeout(300)
    void catalogExampleRuns() throws Exception {
        List<String> sql = statements(block("CREATE CATALOG neon"), "readme_catalog");
        ChangelogJob first = new ChangelogJob(1, 200);
        List<String> queries = new ArrayList<>();
        for (String statement : sql) {
            if (!statement.startsWith("SELECT")) {
                TableResult result = first.tableEnv().executeSql(statement);
                List<String> rows = new ArrayList<>();
                try (CloseableIterator<Row> it = result.collect()) {
                    it.forEachRemaining(r -> rows.add(r.toString()));
                }
                if (statement.startsWith("SHOW DATABASES")) {
                    assertThat(rows).contains("+I[public]");
                } else if (statement.startsWith("SHOW TABLES")) {
                    assertThat(rows).contains("+I[orders]");
                } else if (statement.startsWith("DESCRIBE")) {
                    assertThat(rows).anyMatch(r -> r.startsWith("+I[id, BIGINT, false"));
                }
            } else {
                queries.add(statement);
            }
        }
        assertThat(queries).hasSize(3);
        for (String query : queries) {
            ChangelogJob job = new ChangelogJob(1, 200);
            job.tableEnv().executeSql(sql.get(0));
            job.tableEnv().executeSql("USE CATALOG neon");
            job.start(query);
            if (query.contains("latest-offset")) {
                // Writes until the stream, which starts at the WAL position of its start, has one.
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                for (long id = 5000; job.committed().isEmpty(); id++) {
                    assertThat(System.nanoTime()).as("a streamed row").isLessThan(deadline);
                    db.execute("INSERT INTO orders VALUES (" + id + ", 2, 1.00, now())");
                    Thread.sleep(500);
                }
                assertThat(job.committed())
                        .as("no snapshot rows")
                        .allMatch(r -> (Long) r.getField(0) >= 5000);
            } else {
                job.awaitCommitted(
                        r -> Long.valueOf(1).equals(r.getField(0)), Duration.ofSeconds(120));
            }
            job.cancel();
        }
    }
}
