package io.neoncdc.postgres.snapshot;

import io.neoncdc.postgres.catalog.ColumnInfo;
import io.neoncdc.postgres.catalog.ServerVersion;
import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.catalog.TableInfo;
import io.neoncdc.postgres.catalog.TableLock;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import io.neoncdc.postgres.split.ChunkBounds;
import io.neoncdc.postgres.split.SnapshotSplit;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.table.api.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits every captured table into key-range chunks {@code [lower, upper)}: even ranges of an
 * integer key when the statistics say the keys are dense, else keyset boundaries read from the
 * key's index; a chunk holds at most {@code scan.snapshot.chunk.size} rows and about {@code
 * chunkBytes} bytes.
 */
public final class ChunkPlanner {
    /**
     * How many chunk indexes one read of a keyless table owns (the enumerator's {@code KeylessPlan}
     * numbers read {@code g} in {@code [g * stride, (g + 1) * stride)}), so at most that many
     * chunks.
     */
    public static final int KEYLESS_READ_STRIDE = 1 << 20;

    private static final Logger LOG = LoggerFactory.getLogger(ChunkPlanner.class);
    private static final Set<String> INTEGER_TYPES = Set.of("int2", "int4", "int8");

    private final NeonPostgresSourceConfig config;
    private final Connection connection;
    private long rowBytes;

    public ChunkPlanner(NeonPostgresSourceConfig config, Connection connection) {
        this.config = config;
        this.connection = connection;
    }

    public List<SnapshotSplit> plan(List<TableInfo> tables) throws SQLException {
        List<SnapshotSplit> splits = new ArrayList<>();
        for (TableInfo table : tables) {
            List<ChunkBounds> chunks = lockedPlan(table);
            for (int i = 0; i < chunks.size(); i++) {
                splits.add(new SnapshotSplit(i, chunks.get(i), null, null));
            }
            LOG.info(
                    "{}: {} chunk(s) keyed by {}",
                    table.id(),
                    chunks.size(),
                    chunks.get(0).keyColumns());
        }
        return splits;
    }

    /**
     * Plans a table under {@code ACCESS SHARE}, taken first with {@link TableLock}: the planning
     * queries lock the table anyway, and behind a DDL's ACCESS EXCLUSIVE lock they would wait with
     * no word; this way the wait is logged with who holds the lock. On a connection already in a
     * transaction (the caller's), the queries run in it.
     */
    private List<ChunkBounds> lockedPlan(TableInfo table) throws SQLException {
        if (!connection.getAutoCommit()) {
            return planTable(table);
        }
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            TableLock.accessShare(
                    connection,
                    st,
                    List.of(table.id().quoted()),
                    ServerVersion.of(connection),
                    null,
                    begin -> {});
            List<ChunkBounds> chunks = planTable(table);
            connection.commit();
            return chunks;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private List<ChunkBounds> planTable(TableInfo table) throws SQLException {
        rowBytes = RowWidth.estimate(connection, table);
        List<String> key = chunkKey(table);
        if (key.isEmpty()) {
            return ctidRanges(table);
        }
        long rowsPerChunk = rowsPerChunk(table);
        if (key.size() == 1 && isInteger(table, key.get(0))) {
            List<ChunkBounds> even = evenRanges(table, key.get(0), rowsPerChunk);
            if (even != null) {
                return even;
            }
        }
        return keysetRanges(table, key, rowsPerChunk);
    }

    private List<String> chunkKey(TableInfo table) {
        String configured = config.chunkKeyColumn();
        if (configured != null) {
            if (table.column(configured).isEmpty()) {
                throw new ValidationException(
                        "'scan.snapshot.chunk.key-column' = '"
                                + configured
                                + "' is not a column of "
                                + table.id()
                                + "; its columns are "
                                + table.columns().stream()
                                        .map(ColumnInfo::name)
                                        .collect(Collectors.joining(", ")));
            }
            if (!table.column(configured).get().notNull()
                    && !table.primaryKey().contains(configured)) {
                throw new ValidationException(
                        "'scan.snapshot.chunk.key-column' = '"
                                + configured
                                + "' of "
                                + table.id()
                                + " may be NULL, and rows with a NULL key belong to no key range."
                                + " Choose a NOT NULL column or run: ALTER TABLE "
                                + table.id().quoted()
                                + " ALTER COLUMN "
                                + TableId.quote(configured)
                                + " SET NOT NULL;");
            }
            if (!table.primaryKey().isEmpty() && !table.primaryKey().contains(configured)) {
                // A row whose chunk-key value changes while the chunks are read can be read by
                // two chunks (or none). The stream stays exact as a multiset of rows, but a
                // consumer keyed by the primary key sees that row twice until the stream fixes it.
                LOG.warn(
                        "{} is chunked by '{}', not by its primary key {}: exact per primary key"
                                + " only if that column never changes (e.g. a creation time).",
                        table.id(),
                        configured,
                        table.primaryKey());
            }
            return List.of(configured);
        }
        return table.primaryKey();
    }

    /**
     * A table without a key is chunked by physical location (TID range scans, PostgreSQL 14+); all
     * its chunks are read under one exported snapshot, because rows move between pages when updated
     * and only a single snapshot makes page ranges a partition of the rows.
     */
    private List<ChunkBounds> ctidRanges(TableInfo table) throws SQLException {
        List<String> ctid = List.of(ChunkBounds.CTID);
        if (ServerVersion.of(connection) < 140000) {
            LOG.warn(
                    "{} has no primary key and PostgreSQL < 14 has no TID range scans: it is read"
                            + " as one chunk. Set 'scan.snapshot.chunk.key-column' to read it in"
                            + " parallel chunks.",
                    table.id());
            return List.of(new ChunkBounds(table.id(), ctid, null, null));
        }
        // A partitioned table has no pages of its own: a ctid range selects those pages of
        // every leaf, so the ranges must cover the largest leaf.
        String relations =
                table.isPartitioned()
                        ? table.leaves().stream()
                                .map(l -> Integer.toUnsignedString(l.oid()))
                                .collect(Collectors.joining(","))
                        : Integer.toUnsignedString(table.oid());
        long pages = 0;
        if (!relations.isEmpty()) {
            try (Statement st = connection.createStatement();
                    ResultSet rs =
                            st.executeQuery(
                                    "SELECT max(pg_relation_size(r::oid::regclass))"
                                            + " / current_setting('block_size')::bigint"
                                            + " FROM unnest('{"
                                            + relations
                                            + "}'::bigint[]) AS r")) {
                rs.next();
                pages = rs.getLong(1);
            }
        }
        double rowsPerPage =
                table.estimatedRows() > 0 && table.pages() > 0
                        ? (double) table.estimatedRows() / table.pages()
                        : 50;
        long pagesPerChunk = Math.max(1, (long) (rowsPerChunk(table) / Math.max(1, rowsPerPage)));
        // Each read of a keyless table numbers its chunks in a range of its own (KeylessPlan).
        pagesPerChunk = Math.max(pagesPerChunk, pages / (KEYLESS_READ_STRIDE - 1) + 1);
        List<ChunkBounds> result = new ArrayList<>();
        String lower = null;
        for (long p = pagesPerChunk; p < pages; p += pagesPerChunk) {
            String upper = "(" + p + ",0)";
            result.add(new ChunkBounds(table.id(), ctid, tid(lower), tid(upper)));
            lower = upper;
        }
        // The last chunk is open: pages added after planning are read too.
        result.add(new ChunkBounds(table.id(), ctid, tid(lower), null));
        return result;
    }

    private static String[] tid(String value) {
        return value == null ? null : new String[] {value};
    }

    /**
     * Rows per chunk: the configured count, fewer for wide rows so a chunk stays in bytes. A row's
     * width counts its TOASTed values ({@link RowWidth}): a chunk is materialised in the task heap
     * and may travel in checkpoint state, values and all. The factor 2 leaves room for the Java
     * objects around the values.
     */
    private long rowsPerChunk(TableInfo table) {
        long rows = config.chunkRows();
        if (rowBytes > 0) {
            rows = Math.min(rows, Math.max(1, config.chunkBytes() / (rowBytes * 2)));
        }
        return rows;
    }

    private static boolean isInteger(TableInfo table, String column) {
        return table.column(column)
                .map(c -> INTEGER_TYPES.contains(c.type().resolveDomain().name()))
                .orElse(false);
    }

    /** Even ranges between min and max, or null when the keys are too sparse for them. */
    private List<ChunkBounds> evenRanges(TableInfo table, String key, long rowsPerChunk)
            throws SQLException {
        String k = TableId.quote(key);
        long min;
        long max;
        try (Statement st = connection.createStatement();
                ResultSet rs =
                        st.executeQuery(
                                "SELECT min("
                                        + k
                                        + ")::bigint, max("
                                        + k
                                        + ")::bigint FROM "
                                        + table.id().quoted())) {
            rs.next();
            if (rs.getObject(1) == null) {
                return List.of(new ChunkBounds(table.id(), List.of(key), null, null));
            }
            min = rs.getLong(1);
            max = rs.getLong(2);
        }
        long estimated = table.estimatedRows();
        double span = (double) max - (double) min + 1;
        if (estimated <= 0 || estimated < span / 4) {
            return null; // unknown or sparse distribution: even ranges would be unbalanced
        }
        long chunks = Math.max(1, (long) Math.ceil((double) estimated / rowsPerChunk));
        long step = Math.max(1, (long) Math.ceil(span / chunks));
        List<ChunkBounds> result = new ArrayList<>();
        String lower = null;
        for (long b = min + step; b <= max && b > min; b += step) {
            String upper = Long.toString(b);
            result.add(bounds(table, key, lower, upper));
            lower = upper;
        }
        result.add(bounds(table, key, lower, null));
        return result;
    }

    private static ChunkBounds bounds(TableInfo table, String key, String lower, String upper) {
        return new ChunkBounds(
                table.id(),
                List.of(key),
                lower == null ? null : new String[] {lower},
                upper == null ? null : new String[] {upper});
    }

    private String[] nextDistinct(
            TableInfo table, List<String> key, String texts, String columns, String[] after)
            throws SQLException {
        String sql =
                "SELECT "
                        + texts
                        + " FROM "
                        + table.id().quoted()
                        + " WHERE ("
                        + columns
                        + ") > ("
                        + KeyPredicates.values(table, key, after)
                        + ")"
                        + " ORDER BY "
                        + columns
                        + " LIMIT 1";
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            if (!rs.next()) {
                return null;
            }
            String[] next = new String[key.size()];
            for (int i = 0; i < next.length; i++) {
                next[i] = rs.getString(i + 1);
            }
            return next;
        }
    }

    /** Boundaries every {@code rowsPerChunk} keys, read with index-only keyset queries. */
    private List<ChunkBounds> keysetRanges(TableInfo table, List<String> key, long rowsPerChunk)
            throws SQLException {
        String columns = key.stream().map(TableId::quote).collect(Collectors.joining(", "));
        // Aliased: ORDER BY "k" would otherwise sort by the text output column of that name.
        StringBuilder textList = new StringBuilder();
        for (int i = 0; i < key.size(); i++) {
            textList.append(i == 0 ? "" : ", ")
                    .append(TableId.quote(key.get(i)))
                    .append("::text AS key_text_")
                    .append(i);
        }
        String texts = textList.toString();
        List<ChunkBounds> result = new ArrayList<>();
        String[] lower = null;
        while (true) {
            ChunkBounds probe = new ChunkBounds(table.id(), key, lower, null);
            String where = KeyPredicates.where(table, probe);
            String sql =
                    "SELECT "
                            + texts
                            + " FROM "
                            + table.id().quoted()
                            + (where.isEmpty() ? "" : " WHERE " + where)
                            + " ORDER BY "
                            + columns
                            + " OFFSET "
                            + rowsPerChunk
                            + " LIMIT 1";
            String[] upper = null;
            try (Statement st = connection.createStatement();
                    ResultSet rs = st.executeQuery(sql)) {
                if (rs.next()) {
                    upper = new String[key.size()];
                    for (int i = 0; i < upper.length; i++) {
                        upper[i] = rs.getString(i + 1);
                    }
                }
            }
            if (upper != null && java.util.Arrays.equals(upper, lower)) {
                // A non-unique chunk key with more than a chunk of equal values: the next
                // boundary is the next distinct value.
                upper = nextDistinct(table, key, texts, columns, lower);
            }
            result.add(new ChunkBounds(table.id(), key, lower, upper));
            if (upper == null) {
                return result;
            }
            lower = upper;
        }
    }
}
