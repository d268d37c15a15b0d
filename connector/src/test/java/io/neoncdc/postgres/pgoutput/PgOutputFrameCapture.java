package io.neoncdc.postgres.pgoutput;

import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

/**
 * Captures real pgoutput frames from the shared test PostgreSQL into {@code
 * connector/src/test/resources/pgoutput/} for {@link PgOutputCapturedFramesTest}; not run by the
 * build.
 *
 * <p>Regenerate (from the repository root; PostgreSQL ≥ 14, default 17 via {@code -Dpg.version}, or
 * an external server via {@code PG_TEST_URL}):
 *
 * <pre>
 * mvn -B -q -pl connector test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.neoncdc.postgres.pgoutput.PgOutputFrameCapture \
 *     -Dexec.args=connector/src/test/resources/pgoutput
 * </pre>
 *
 * then run {@code PgOutputCapturedFramesTest}: its assertions follow the workloads below, so a
 * changed workload needs changed assertions.
 */
public final class PgOutputFrameCapture {

    private PgOutputFrameCapture() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "connector/src/test/resources/pgoutput");
        PostgresTestServer server = PostgresTestServer.get();
        if (server.serverVersionNum() < 140000) {
            throw new IllegalStateException("Capturing needs PostgreSQL 14 or later");
        }
        captureProtocol1Text(server.createDatabase("capture_text"), dir);
        captureProtocol2Streaming(server.createDatabase("capture_stream"), dir);
        captureProtocol2Binary(server.createDatabase("capture_binary"), dir);
        System.exit(0);
    }

    /** Inserts, updates (identity default, full, index; key change), deletes, truncates, etc. */
    private static void captureProtocol1Text(TestDatabase db, Path dir) throws Exception {
        db.execute(
                "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')",
                "CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL,"
                        + " email varchar(100))",
                "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id int,"
                        + " amount numeric(10,2), note text)",
                "ALTER TABLE orders REPLICA IDENTITY FULL",
                "CREATE TABLE moods (id int PRIMARY KEY, feeling mood)",
                "CREATE TABLE docs (id int PRIMARY KEY, title text, body text)",
                "ALTER TABLE docs ALTER COLUMN body SET STORAGE EXTERNAL",
                "CREATE TABLE tags (code text NOT NULL, label text)",
                "CREATE UNIQUE INDEX tags_code ON tags (code)",
                "ALTER TABLE tags REPLICA IDENTITY USING INDEX tags_code",
                "CREATE TABLE \"Ünïcødé\" (\"naïve\" text PRIMARY KEY, \"値\" int)",
                "CREATE PUBLICATION cap_pub FOR TABLE customers, orders, moods, docs, tags,"
                        + " \"Ünïcødé\"",
                "SELECT pg_replication_origin_create('capture_origin')");
        FrameRecorder recorder =
                new FrameRecorder(db, "cap_text")
                        .option("proto_version", "1")
                        .option("publication_names", "cap_pub")
                        .option("messages", "true")
                        .createSlot();
        db.execute(
                "INSERT INTO customers VALUES (1, 'Alice', 'alice@example.com'), (2, 'Bob', NULL)",
                "UPDATE customers SET email = 'bob@example.com' WHERE id = 2",
                "UPDATE customers SET id = 20 WHERE id = 2",
                "DELETE FROM customers WHERE id = 20",
                "INSERT INTO orders VALUES (100, 1, 12.50, 'first')",
                "UPDATE orders SET amount = 13.75 WHERE id = 100",
                "DELETE FROM orders WHERE id = 100");
        db.executeInTransaction(
                "INSERT INTO customers VALUES (3, 'Carol', 'carol@example.com')",
                "INSERT INTO orders VALUES (101, 3, 99.99, NULL)",
                "UPDATE customers SET name = 'Caroline' WHERE id = 3",
                "SELECT pg_logical_emit_message(true, 'audit', 'carol-created')");
        db.execute(
                "SELECT pg_logical_emit_message(false, 'heartbeat', 'beat-1')",
                "INSERT INTO moods VALUES (1, 'happy')",
                // ~3 kB of random hex stored out of line: the update leaves it unchanged ('u').
                "INSERT INTO docs SELECT 1, 'v1', string_agg(md5(random()::text), '')"
                        + " FROM generate_series(1, 100)",
                "UPDATE docs SET title = 'v2' WHERE id = 1",
                "INSERT INTO tags VALUES ('a', 'Alpha')",
                "UPDATE tags SET code = 'b' WHERE code = 'a'",
                "DELETE FROM tags WHERE code = 'b'",
                "INSERT INTO \"Ünïcødé\" VALUES ('grüße €', 42)");
        try (Connection c = db.connect();
                Statement st = c.createStatement()) {
            st.execute("SELECT pg_replication_origin_session_setup('capture_origin')");
            c.setAutoCommit(false);
            st.execute(
                    "SELECT pg_replication_origin_xact_setup('0/ABCDEF',"
                            + " '2024-01-01 00:00:00+00')");
            st.execute("INSERT INTO customers VALUES (4, 'Dave', NULL)");
            c.commit();
            c.setAutoCommit(true);
            st.execute("SELECT pg_replication_origin_session_reset()");
        }
        db.execute("TRUNCATE orders", "TRUNCATE tags, \"Ünïcødé\" RESTART IDENTITY CASCADE");
        recorder.recordTo(dir, CapturedFrames.PROTO1_TEXT);
    }

    /**
     * Large transactions over {@code logical_decoding_work_mem = 64kB}: one committed (with a small
     * transaction committing in between), one aborted, one with an aborted subtransaction.
     */
    private static void captureProtocol2Streaming(TestDatabase db, Path dir) throws Exception {
        db.execute(
                "CREATE TYPE color AS ENUM ('red', 'green')",
                "CREATE TABLE big (id int PRIMARY KEY, payload text, c color)",
                "CREATE TABLE small (id int PRIMARY KEY, v text)",
                "CREATE PUBLICATION stream_pub FOR TABLE big, small");
        FrameRecorder recorder =
                new FrameRecorder(db, "cap_stream")
                        .option("proto_version", "2")
                        .option("publication_names", "stream_pub")
                        .option("messages", "true")
                        .option("streaming", "on")
                        .startupOptions("-c logical_decoding_work_mem=64kB")
                        .createSlot();
        db.execute("INSERT INTO small VALUES (1, 'one')");
        try (Connection big = db.connect();
                Statement st = big.createStatement()) {
            big.setAutoCommit(false);
            st.execute(
                    "INSERT INTO big SELECT g, 'row-' || g, 'red' FROM generate_series(1, 500) g");
            db.execute("INSERT INTO small VALUES (2, 'between')");
            st.execute(
                    "INSERT INTO big SELECT g, 'row-' || g, 'green'"
                            + " FROM generate_series(501, 800) g");
            st.execute("SELECT pg_logical_emit_message(true, 'big', 'inside')");
            st.execute("UPDATE big SET payload = 'updated' WHERE id <= 2");
            st.execute("DELETE FROM big WHERE id = 3");
            st.execute("TRUNCATE small");
            big.commit();

            st.execute(
                    "INSERT INTO big SELECT g, 'gone-' || g, 'red'"
                            + " FROM generate_series(10001, 10500) g");
            big.rollback();

            st.execute(
                    "INSERT INTO big SELECT g, 'kept-' || g, 'red'"
                            + " FROM generate_series(20001, 20100) g");
            st.execute("SAVEPOINT s1");
            st.execute(
                    "INSERT INTO big SELECT g, 'undone-' || g, 'red'"
                            + " FROM generate_series(30001, 30500) g");
            st.execute("ROLLBACK TO SAVEPOINT s1");
            st.execute("INSERT INTO small VALUES (3, 'after-rollback')");
            big.commit();
        }
        recorder.recordTo(dir, CapturedFrames.PROTO2_STREAMING);
    }

    /** {@code binary 'true'}: values in their binary send/recv form. */
    private static void captureProtocol2Binary(TestDatabase db, Path dir) throws Exception {
        db.execute(
                "CREATE TABLE typed (id int PRIMARY KEY, big bigint, flag boolean,"
                        + " ratio double precision, price numeric(8,3), data bytea,"
                        + " at timestamptz, uid uuid, label text)",
                "ALTER TABLE typed REPLICA IDENTITY FULL",
                "CREATE PUBLICATION bin_pub FOR TABLE typed");
        FrameRecorder recorder =
                new FrameRecorder(db, "cap_binary")
                        .option("proto_version", "2")
                        .option("publication_names", "bin_pub")
                        .option("messages", "true")
                        .option("binary", "true")
                        .createSlot();
        db.execute(
                "INSERT INTO typed VALUES (1, 9000000000, true, 1.5, 12.345, '\\x0102ff',"
                        + " '2024-01-02 03:04:05.678901+00',"
                        + " 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'héllo')",
                "INSERT INTO typed (id) VALUES (2)",
                "UPDATE typed SET label = 'bye', flag = false WHERE id = 1",
                "DELETE FROM typed WHERE id = 2");
        recorder.recordTo(dir, CapturedFrames.PROTO2_BINARY);
    }
}
