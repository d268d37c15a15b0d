package io.neoncdc.postgres.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.catalog.CatalogReader;
import io.neoncdc.postgres.catalog.TableInfo;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import io.neoncdc.postgres.metrics.LogCapture;
import io.neoncdc.postgres.reader.snapshot.ChunkFetcher;
import io.neoncdc.postgres.split.SnapshotSplit;
import io.neoncdc.postgres.testutil.ChangelogJob;
import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 13 item 9: a table of large jsonb documents (TOASTed, so its main heap is tiny) is cut into
 * chunks of about the byte bound, not of {@code scan.snapshot.chunk.size} rows. Scaled down from
 * the 2 GB table of 100 kB documents in a 512 MB TaskManager heap: 1 000 documents of about
 * 100 kB (about 100 MB of text) with the default 32 MB byte bound, so the rows-only bound (32 768
 * rows) would make the whole table one ~100 MB chunk, held in the heap at once. The heap bound is
 * checked where the chunk is materialised: the chunk reader warns once a chunk passes twice the
 * byte bound, and it must not.
 */
class ToastedChunkSizeITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static final int ROWS = 1_000;

    @Test
    @Timeout(300)
    void largeJsonbDocumentsAreChunkedByTheirBytesNotTheirRowCount() throws Exception {
        TestDatabase db = PostgresTestServer.get().createDatabase("toast_chunks");
        db.execute(
                "CREATE TABLE docs (id bigint PRIMARY KEY, doc jsonb NOT NULL)",
                // ~2 900 distinct md5 strings per document: ~100 kB of text that compresses
                // poorly, so it is stored out of line (TOAST).
                "INSERT INTO docs SELECT g, (SELECT jsonb_agg(md5(g || '-' || i))"
                        + " FROM generate_series(1, 2900) i) FROM generate_series(1, "
                        + ROWS
                        + ") g",
                "ANALYZE docs");
        long textBytes =
                Long.parseLong(db.queryValue("SELECT sum(octet_length(doc::text)) FROM docs"));
        long heapBytes = Long.parseLong(db.queryValue("SELECT pg_relation_size('docs')"));
        assertThat(textBytes).as("documents' text").isGreaterThan(90L << 20);
        assertThat(heapBytes).as("main heap (values are TOASTed)").isLessThan(textBytes / 50);
        long bound = NeonPostgresSourceConfig.DEFAULT_CHUNK_BYTES;

        TableInfo docs = describe(db);
        List<SnapshotSplit> chunks;
        try (Connection c = db.connect()) {
            chunks = new ChunkPlanner(config(db), c).plan(List.of(docs));
        }
        // Rows per chunk are sized so a chunk's values take at most half the bound (the other
        // half is for the Java objects around them): 100 MB in chunks of up to 16 MB.
        assertThat(chunks.size())
                .as("chunks of %s bytes of text", textBytes)
                .isBetween((int) (2 * textBytes / bound), (int) (4 * textBytes / bound) + 1);
        for (SnapshotSplit chunk : chunks) {
            String where = KeyPredicates.where(docs, chunk.bounds());
            long bytes =
                    Long.parseLong(
                            db.queryValue(
                                    "SELECT coalesce(sum(octet_length(doc::text) + 8), 0)"
                                            + " FROM docs"
                                            + (where.isEmpty() ? "" : " WHERE " + where)));
            assertThat(bytes).as("bytes of chunk %s", chunk.splitId()).isLessThanOrEqualTo(bound);
        }

        // The job reads every document whole, and no chunk it holds passes the bound.
        try (LogCapture log = LogCapture.of(ChunkFetcher.class, Level.WARN)) {
            ChangelogJob job =
                    new ChangelogJob(1, 500)
                            .start(
                                    "SELECT id, MD5(doc) FROM docs",
                                    "CREATE TABLE docs (id BIGINT, doc STRING) "
                                            + db.withClause(
                                                    "docs", "scan.startup.mode", "snapshot"));
            job.client().getJobExecutionResult().get();
            job.assertMaterializesTo(db.queryRows("SELECT id, md5(doc::text) FROM docs"), 1);
            assertThat(log.messages())
                    .as("chunk reader warnings")
                    .noneMatch(m -> m.contains("larger than expected"));
        }
    }

    private static NeonPostgresSourceConfig config(TestDatabase db) {
        Map<String, String> options = new java.util.HashMap<>(db.connectionOptions());
        options.put("table-name", "docs");
        return NeonPostgresSourceConfig.fromOptions(Configuration.fromMap(options)).build();
    }

    private static TableInfo describe(TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            CatalogReader catalog = new CatalogReader(c);
            List<TableInfo> tables =
                    catalog.describe(
                            catalog.relations().stream()
                                    .filter(r -> r.id.table().equals("docs"))
                                    .collect(Collectors.toList()));
            assertThat(tables).hasSize(1);
            return tables.get(0);
        }
    }
}
