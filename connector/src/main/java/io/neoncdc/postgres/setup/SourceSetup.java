package io.neoncdc.postgres.setup;

import io.neoncdc.postgres.catalog.CaptureList;
import io.neoncdc.postgres.catalog.CatalogReader;
import io.neoncdc.postgres.catalog.Publications;
import io.neoncdc.postgres.catalog.RunningTransactions;
import io.neoncdc.postgres.catalog.SignalTableCheck;
import io.neoncdc.postgres.catalog.SlotInfo;
import io.neoncdc.postgres.catalog.Slots;
import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.catalog.TableInfo;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import io.neoncdc.postgres.config.StartupMode;
import io.neoncdc.postgres.connection.PgConnector;
import io.neoncdc.postgres.pgoutput.Lsn;
import io.neoncdc.postgres.schema.CapturedTables;
import io.neoncdc.postgres.slot.FailoverSlot;
import io.neoncdc.postgres.slot.SlotBeforePublication;
import io.neoncdc.postgres.snapshot.ChunkPlanner;
import io.neoncdc.postgres.snapshot.InvisibleCommits;
import io.neoncdc.postgres.snapshot.OneSnapshotChunks;
import io.neoncdc.postgres.split.SnapshotSplit;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.api.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the enumerator does once, off the coordinator thread, before any split is assigned: discover
 * and check the captured tables, make sure the slot exists, fix the stream's start and plan the
 * chunks.
 */
@Internal
public final class SourceSetup {
    private static final Logger LOG = LoggerFactory.getLogger(SourceSetup.class);

    /** The outcome of a setup. */
    public static final class Result {
        final List<TableInfo> tables;
        public final long streamStartLsn;
        public final List<SnapshotSplit> chunks;
        public final ExportedSnapshot exported;

        Result(
                List<TableInfo> tables,
                long streamStartLsn,
                List<SnapshotSplit> chunks,
                ExportedSnapshot exported) {
            this.tables = tables;
            this.streamStartLsn = streamStartLsn;
            this.chunks = chunks;
            this.exported = exported;
        }
    }

    private final NeonPostgresSourceConfig config;
    private final PgConnector connector;
    private final boolean resnapshot;

    /**
     * @param resnapshot the slot lost changes: replace a slot that lost its WAL and snapshot
     *     whatever the startup mode
     */
    public SourceSetup(NeonPostgresSourceConfig config, PgConnector connector, boolean resnapshot) {
        this.config = config;
        this.connector = connector;
        this.resnapshot = resnapshot;
    }

    public Result run() throws SQLException {
        try (Connection c = connector.openQuery()) {
            String database = config.connection().database();
            checkWalLevel(c);
            CatalogReader catalog = new CatalogReader(c, config.publicationName());
            CaptureList capture = config.captureList();
            List<CatalogReader.Relation> relations =
                    PartitionCheck.rootsOnly(capture.select(catalog.relations(), database));
            List<TableInfo> tables = catalog.describe(relations);
            // A publication that does not publish via the root lists the leaves: say that
            // first, before asking for tables to be added. One the connector creates does.
            boolean existed = Publications.exists(c, config.publicationName());
            if (existed) {
                PartitionCheck.check(c, relations, config.publicationName());
            }
            List<TableInfo> inPublication = new ArrayList<>(tables);
            SignalTableCheck.describe(catalog, config.signalTable()).ifPresent(inPublication::add);
            boolean changed = Publications.ensure(c, config.publication(), inPublication);
            long published = existed ? 0 : SlotBeforePublication.currentLsn(c);
            RunningTransactions publishing = changed ? RunningTransactions.now(c) : null;
            if (!existed) {
                PartitionCheck.check(c, relations, config.publicationName());
            }
            new ReplicaIdentityCheck(config, c).check(tables);
            if (config.startupMode().snapshots() || resnapshot) {
                checkSelectGrants(c, tables);
            }
            checkDeclaredColumns(tables);
            CapturedTables outputs = new CapturedTables(config);
            tables.forEach(outputs::build); // declared schema vs. columns: fails here, at start
            // The slot exists before any chunk is read: every transaction committing after
            // this point is in the stream, the rest is in the chunks (DESIGN §4, rule 1).
            if (resnapshot) {
                Slots.dropIfLost(c, config.slotName());
            }
            boolean slotExisted = Slots.find(c, config.slotName()).isPresent();
            SlotInfo slot =
                    Slots.ensure(
                            c,
                            config.slotName(),
                            database,
                            config.slotFailover(),
                            connector::openQuery);
            if (config.slotFailover() && !slot.failover()) {
                FailoverSlot.enable(connector, config.slotName());
            }
            if (!existed) {
                slot = new SlotBeforePublication(config, c).reconcile(slot, published, resnapshot);
            }
            if (publishing != null
                    && slotExisted
                    && (config.startupMode().snapshots() || resnapshot)) {
                // Changes that transactions running while the publication changed made before
                // are not in the stream: the chunks must be read after those transactions end.
                // (Creating a slot waits for them by itself.)
                publishing.await(c);
            }
            long start = startLsn(c, slot);
            if (config.startupMode().snapshots() || resnapshot) {
                // A transaction that committed before the slot's start is not in the stream, so
                // the chunks must see it; while its commit waits for a synchronous standby (or
                // Neon's safekeepers) it is in the WAL yet invisible (review §3): wait for it.
                InvisibleCommits.now(c).await(c, "reading the first chunk");
            }
            List<SnapshotSplit> chunks =
                    config.startupMode().snapshots() || resnapshot
                            ? new ChunkPlanner(config, c).plan(tables)
                            : List.of();
            ExportedSnapshot exported = null;
            java.util.function.Predicate<SnapshotSplit> shared = oneSnapshot(tables);
            if (chunks.stream().anyMatch(shared)) {
                exported =
                        ExportedSnapshot.export(
                                connector,
                                chunks.stream()
                                        .filter(shared)
                                        .map(s -> s.table().quoted())
                                        .distinct()
                                        .collect(Collectors.toList()));
                String id = exported.id();
                chunks =
                        chunks.stream()
                                .map(s -> shared.test(s) ? s.withExportedSnapshot(id) : s)
                                .collect(Collectors.toList());
            }
            LOG.info(
                    "Capturing {} table(s) {} from slot {}; stream starts at {}; {} chunk(s)",
                    tables.size(),
                    tables.stream().map(t -> t.id().toString()).collect(Collectors.toList()),
                    config.slotName(),
                    Lsn.format(start),
                    chunks.size());
            return new Result(tables, start, chunks, exported);
        }
    }

    /** Chunks read under one exported snapshot ({@link OneSnapshotChunks}). */
    private static java.util.function.Predicate<SnapshotSplit> oneSnapshot(List<TableInfo> tables) {
        java.util.Map<TableId, TableInfo> byId = new java.util.HashMap<>();
        tables.forEach(t -> byId.put(t.id(), t));
        return s ->
                s.bounds().isCtid()
                        || (byId.containsKey(s.table())
                                && OneSnapshotChunks.needed(
                                        byId.get(s.table()), s.bounds().keyColumns()));
    }

    /** Declared columns are matched by exact name; say which one is missing and what exists. */
    private void checkDeclaredColumns(List<TableInfo> tables) {
        for (TableInfo t : tables) {
            if (config.declaredRowType(t.id()) == null) {
                continue;
            }
            for (String name : config.declaredRowType(t.id()).getFieldNames()) {
                if (t.column(name).isPresent() || t.excludedColumns().containsKey(name)) {
                    continue; // an unpublished one: CapturedTables says why (UnpublishedColumns)
                }
                List<String> existing =
                        t.columns().stream().map(col -> col.name()).collect(Collectors.toList());
                String similar =
                        existing.stream()
                                .filter(e -> e.equalsIgnoreCase(name))
                                .map(e -> " Did you mean `" + e + "`? Names are case-sensitive.")
                                .findFirst()
                                .orElse("");
                throw new ValidationException(
                        "Column '"
                                + name
                                + "' is declared but table "
                                + t.id()
                                + " has no such column; its columns are "
                                + String.join(", ", existing)
                                + "."
                                + similar
                                + " Remove it from the table declaration, or declare it as a"
                                + " metadata column (METADATA FROM '…' VIRTUAL).");
            }
        }
    }

    private static void checkWalLevel(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SHOW wal_level")) {
            rs.next();
            Slots.checkWalLevel(rs.getString(1));
        }
    }

    /**
     * Snapshot reads need SELECT; checked before the slot is created so none is left behind. A
     * grant on some columns passes here (the declared ones may be all that is read).
     */
    void checkSelectGrants(Connection c, List<TableInfo> tables) throws SQLException {
        List<String> unreadable = new java.util.ArrayList<>();
        try (PreparedStatement ps =
                c.prepareStatement("SELECT has_any_column_privilege(?, 'SELECT')")) {
            for (TableInfo t : tables) {
                ps.setString(1, t.id().quoted());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && !rs.getBoolean(1)) {
                        unreadable.add(t.id().quoted());
                    }
                }
            }
        }
        if (!unreadable.isEmpty()) {
            String user = config.connection().user();
            throw new ValidationException(
                    "Role '"
                            + user
                            + "' may not read table(s) "
                            + String.join(", ", unreadable)
                            + ", which 'scan.startup.mode' = '"
                            + config.startupMode()
                            + "' snapshots. Grant it: GRANT SELECT ON "
                            + String.join(", ", unreadable)
                            + " TO "
                            + TableId.quote(user)
                            + ";");
        }
    }

    private long startLsn(Connection c, SlotInfo slot) throws SQLException {
        StartupMode mode = resnapshot ? StartupMode.INITIAL : config.startupMode();
        switch (mode) {
            case LATEST_OFFSET:
                try (Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("SELECT pg_current_wal_lsn()::text")) {
                    rs.next();
                    return Math.max(slot.confirmedFlushLsn(), Lsn.parse(rs.getString(1)));
                }
            case SPECIFIC_OFFSET:
                long lsn = config.specificOffsetLsn();
                if (lsn < slot.confirmedFlushLsn()) {
                    throw new ValidationException(
                            "'scan.startup.specific-offset.lsn' = "
                                    + Lsn.format(lsn)
                                    + " is behind the confirmed position "
                                    + Lsn.format(slot.confirmedFlushLsn())
                                    + " of slot '"
                                    + config.slotName()
                                    + "': the server no longer has the changes in between. Use"
                                    + " an LSN at or after it, or 'committed-offset'.");
                }
                return lsn;
            default:
                return slot.confirmedFlushLsn();
        }
    }

    private static int serverVersion(Connection c) throws SQLException {
        return io.neoncdc.postgres.catalog.ServerVersion.of(c);
    }
}
