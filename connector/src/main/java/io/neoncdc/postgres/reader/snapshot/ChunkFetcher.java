package io.neoncdc.postgres.reader.snapshot;

import io.neoncdc.postgres.catalog.ServerVersion;
import io.neoncdc.postgres.catalog.SnapshotFunctions;
import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.catalog.TableLock;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import io.neoncdc.postgres.connection.PgConnector;
import io.neoncdc.postgres.convert.BinaryRows;
import io.neoncdc.postgres.convert.CopyBinaryParser;
import io.neoncdc.postgres.pgoutput.Lsn;
import io.neoncdc.postgres.reader.ReadChunkRows;
import io.neoncdc.postgres.schema.CapturedTable;
import io.neoncdc.postgres.schema.CapturedTables;
import io.neoncdc.postgres.split.SnapshotSplit;
import io.neoncdc.postgres.split.VisibilitySnapshot;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.RowDataSerializer;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.utils.LogicalTypeParser;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one chunk on the fetcher thread: one REPEATABLE READ transaction whose first statement
 * records the visibility snapshot, then the chunk's rows through COPY binary into RowData.
 */
public final class ChunkFetcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChunkFetcher.class);
    private static final int COPY_TIMEOUT_MILLIS = 300_000;

    private final NeonPostgresSourceConfig config;
    private final PgConnector connector;
    private Supplier<Connection> borrowed;
    private final CapturedTables tables;
    private Connection connection;
    private String snapshotQuery;
    private final java.util.Set<String> lostExports = new java.util.HashSet<>();

    /**
     * Reads chunks on a connection of its own; or, with {@code borrowed} set, on that connection
     * (the stream reader's catalog connection, which keeps the connection budget).
     */
    public ChunkFetcher(
            NeonPostgresSourceConfig config, Supplier<Connection> borrowed, CapturedTables tables) {
        this(config, (PgConnector) null, tables);
        this.borrowed = borrowed;
    }

    public ChunkFetcher(
            NeonPostgresSourceConfig config, PgConnector connector, CapturedTables tables) {
        this.config = config;
        this.connector = connector;
        this.tables = tables;
    }

    /** The chunk's rows: read now, or the pending rows a checkpoint stored in the split. */
    public ReadChunkRows read(SnapshotSplit split) throws IOException {
        return read(split, null);
    }

    /** The chunk's rows that also satisfy {@code filter} (SQL, null for all). */
    public ReadChunkRows read(SnapshotSplit split, String filter) throws IOException {
        try {
            CapturedTable table = tables.get(connection(), split.table());
            if (split.readChunk() != null) {
                return restore(table, split.readChunk());
            }
            return readChunk(table, split, filter);
        } catch (SQLException e) {
            closeConnection();
            if (exportGone(split, e)) {
                return exportLost(split, e);
            }
            throw new IOException(describe(split, e), e);
        }
    }

    /**
     * SET TRANSACTION SNAPSHOT of a snapshot whose exporting transaction ended: "snapshot … does
     * not exist" (42704), or 22023 for an identifier the server no longer accepts.
     */
    private static boolean exportGone(SnapshotSplit split, SQLException e) {
        return split.exportedSnapshot() != null
                && ("42704".equals(e.getSQLState()) || "22023".equals(e.getSQLState()));
    }

    /**
     * The snapshot exported for the chunk's table is gone (the JobManager restarted, or the
     * connection that held it was lost): this chunk cannot be read consistently with the table's
     * chunks already read. It is finished without rows and reported as such ({@link LostExport}),
     * and the enumerator reads the table again from its start under a new snapshot (DESIGN §4).
     */
    private ReadChunkRows exportLost(SnapshotSplit split, SQLException e) throws IOException {
        if (!lostExports.add(split.exportedSnapshot())) {
            LOG.debug("Chunk {}: its exported snapshot is gone too", split.splitId());
        } else {
            warnExportLost(split, e);
        }
        try {
            CapturedTable table = tables.get(connection(), split.table());
            return new ReadChunkRows(table.schema(), LostExport.SNAPSHOT, 0, 0, List.of());
        } catch (SQLException again) {
            closeConnection();
            throw new IOException(describe(split, again), again);
        }
    }

    private static void warnExportLost(SnapshotSplit split, SQLException e) {
        LOG.warn(
                "Chunk {} of {} (a table without a primary key) is not read: the snapshot"
                        + " exported for the table's chunks is gone ({}). The JobManager"
                        + " restarted, or the connection that held the snapshot was lost; the"
                        + " table is read again from its start.",
                split.splitId(),
                split.table(),
                e.getMessage());
    }

    private ReadChunkRows readChunk(CapturedTable table, SnapshotSplit split, String filter)
            throws SQLException, IOException {
        Connection c = connection();
        int version = ServerVersion.of(c);
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try (Statement st = c.createStatement()) {
            // Locked before the snapshot exists (LOCK needs none). A keyed chunk: a rewriting DDL
            // (ALTER TABLE … TYPE, VACUUM FULL, CLUSTER) that committed after the snapshot would
            // make the table look empty to it; with the lock first, such a DDL either committed
            // before the snapshot (which sees its result) or waits for the chunk. A keyless
            // chunk imports its table's exported snapshot first; the exporting transaction
            // holds ACCESS SHARE for all the table's chunks.
            String exported = split.exportedSnapshot();
            TableLock.accessShare(
                    c,
                    st,
                    List.of(table.info().id().quoted()),
                    version,
                    exported,
                    begin -> {
                        if (exported != null) {
                            begin.execute("SET TRANSACTION SNAPSHOT " + TableId.literal(exported));
                        }
                    });
            VisibilitySnapshot snapshot;
            long walLsn;
            // First statement of the transaction: its snapshot is the one every row of this
            // chunk is read under, and the WAL position read after it bounds the commits it sees.
            try (ResultSet rs = st.executeQuery(snapshotQuery(c))) {
                rs.next();
                snapshot = VisibilitySnapshot.parse(rs.getString(1));
                walLsn = Lsn.parse(rs.getString(2));
            }
            List<RowData> rows = copyWithLongerTimeout(c, table, split, filter);
            c.commit();
            c.setAutoCommit(true);
            return new ReadChunkRows(table.schema(), snapshot, walLsn, 0, rows);
        } catch (SQLException | IOException | RuntimeException e) {
            closeConnection();
            throw e;
        }
    }

    /**
     * A chunk's COPY may be silent for a while (a scan over many dead tuples): it gets a longer
     * read timeout than the connection's default; a dead peer is still noticed by the short TCP
     * keepalive ({@code KeepAliveSocketFactory}), as the client sends nothing meanwhile.
     */
    private List<RowData> copyWithLongerTimeout(
            Connection c, CapturedTable table, SnapshotSplit split, String filter)
            throws SQLException, IOException {
        int before = c.getNetworkTimeout();
        c.setNetworkTimeout(Runnable::run, COPY_TIMEOUT_MILLIS);
        try {
            return copy(c, table, split, filter);
        } finally {
            c.setNetworkTimeout(Runnable::run, before);
        }
    }

    private List<RowData> copy(
            Connection c, CapturedTable table, SnapshotSplit split, String filter)
            throws SQLException, IOException {
        String sql = ChunkQuery.copy(table, split.bounds(), filter);
        CopyOut copy = c.unwrap(PGConnection.class).getCopyAPI().copyOut(sql);
        List<RowData> rows = new ArrayList<>();
        long[] bytes = {0};
        CopyBinaryParser parser =
                new CopyBinaryParser(
                        () -> {
                            try {
                                byte[] chunk = copy.readFromCopy();
                                if (chunk != null) {
                                    bytes[0] += chunk.length;
                                }
                                return chunk;
                            } catch (SQLException e) {
                                throw new IOException(e.getMessage(), e);
                            }
                        },
                        table.columnNames().size());
        // Binary rows: downstream copies (one per chained operator without object reuse) and
        // checkpointed pending rows are then array copies instead of field-by-field work.
        BinaryRows binary = new BinaryRows(table.schema().rowType(), table.converters());
        boolean warned = false;
        while (parser.nextRow()) {
            rows.add(binary.convert(parser));
            if (!warned && bytes[0] > 2 * config.chunkBytes()) {
                warned = true;
                LOG.warn(
                        "Chunk {} is larger than expected ({} bytes so far); lower"
                                + " 'scan.snapshot.chunk.size' if the task heap is small",
                        split.splitId(),
                        bytes[0]);
            }
        }
        return rows;
    }

    private ReadChunkRows restore(CapturedTable table, SnapshotSplit.ReadChunk read)
            throws IOException {
        return new ReadChunkRows(
                table.schema(),
                read.snapshot(),
                read.walLsnAfterSnapshot(),
                read.rowsEmitted(),
                pendingRows(read));
    }

    /**
     * The rows a checkpoint stored in the split, as the rows a fresh read of them would be: the
     * serializer returns a BinaryRowData of its own per row, like {@link BinaryRows}.
     */
    public static List<RowData> pendingRows(SnapshotSplit.ReadChunk read) throws IOException {
        RowType rowType =
                (RowType)
                        LogicalTypeParser.parse(
                                read.rowType(), ChunkFetcher.class.getClassLoader());
        RowDataSerializer serializer = new RowDataSerializer(rowType);
        DataInputDeserializer in = new DataInputDeserializer(read.pendingRows());
        List<RowData> rows = new ArrayList<>(read.pendingCount());
        for (int i = 0; i < read.pendingCount(); i++) {
            rows.add(serializer.deserialize(in));
        }
        return rows;
    }

    private String snapshotQuery(Connection c) throws SQLException {
        if (snapshotQuery == null) {
            snapshotQuery =
                    "SELECT "
                            + SnapshotFunctions.of(ServerVersion.of(c)).current()
                            + "::text, pg_current_wal_insert_lsn()::text";
        }
        return snapshotQuery;
    }

    private static String describe(SnapshotSplit split, SQLException e) {
        if ("42P01".equals(e.getSQLState())) {
            return "Table "
                    + split.table()
                    + " was dropped or renamed while being snapshotted ("
                    + e.getMessage()
                    + ")";
        }
        return "Reading chunk " + split.splitId() + " failed: " + e.getMessage();
    }

    private Connection connection() throws SQLException {
        if (borrowed != null) {
            return borrowed.get();
        }
        if (connection == null || connection.isClosed()) {
            connection = connector.openQuery();
        }
        return connection;
    }

    private void closeConnection() {
        if (borrowed != null) {
            // Not ours to close: end the failed chunk transaction so the owner can go on.
            try {
                Connection c = borrowed.get();
                c.rollback();
                c.setAutoCommit(true);
            } catch (SQLException | RuntimeException e) {
                LOG.debug("Resetting the borrowed connection failed", e);
            }
            return;
        }
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("Closing the chunk connection failed", e);
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        closeConnection();
    }
}
