package io.neoncdc.postgres.reader.stream;

import io.neoncdc.postgres.catalog.CatalogReader;
import io.neoncdc.postgres.catalog.Publications;
import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.catalog.TableInfo;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import io.neoncdc.postgres.snapshot.ChunkPlanner;
import io.neoncdc.postgres.snapshot.OneSnapshotChunks;
import io.neoncdc.postgres.split.ChunkBounds;
import io.neoncdc.postgres.split.SnapshotSplit;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Tables that join the capture while the job streams (a wider capture list after a restore, or a
 * new table that matches it): which they are, and the chunks the stream reader reads for them.
 */
final class NewTables {
    private NewTables() {}

    /** Captured tables (as the capture list selects them now) the stream has no snapshot for. */
    static List<TableId> discover(Connection c, NeonPostgresSourceConfig config, Set<TableId> known)
            throws SQLException {
        CatalogReader catalog = new CatalogReader(c);
        List<CatalogReader.Relation> selected;
        try {
            selected =
                    config.captureList()
                            .select(catalog.relations(), config.connection().database());
        } catch (RuntimeException noneMatches) {
            return List.of();
        }
        return selected.stream()
                .filter(r -> !r.partition)
                .map(r -> r.id)
                .filter(id -> !known.contains(id))
                .collect(Collectors.toList());
    }

    /** Makes sure the tables are published and plans their chunks. */
    static List<SnapshotSplit> plan(
            Connection c, NeonPostgresSourceConfig config, List<TableId> ids) throws SQLException {
        CatalogReader catalog = new CatalogReader(c);
        List<CatalogReader.Relation> relations = new ArrayList<>();
        for (TableId id : ids) {
            // A partition's changes come through its captured root, which has its snapshot.
            catalog.relation(id).filter(r -> !r.partition).ifPresent(relations::add);
        }
        if (relations.isEmpty()) {
            return List.of();
        }
        List<TableInfo> tables = catalog.describe(relations);
        Publications.ensure(c, config.publication(), tables);
        List<SnapshotSplit> planned = new ArrayList<>();
        java.util.Map<TableId, TableInfo> byId = new java.util.HashMap<>();
        tables.forEach(t -> byId.put(t.id(), t));
        for (SnapshotSplit s : new ChunkPlanner(config, c).plan(tables)) {
            if (OneSnapshotChunks.needed(byId.get(s.table()), s.bounds().keyColumns())) {
                // Page ranges and some key ranges are consistent only under one snapshot
                // (OneSnapshotChunks), and no snapshot is exported while streaming: such a table
                // is read as one chunk here.
                if (s.chunkIndex() == 0) {
                    planned.add(
                            new SnapshotSplit(
                                    0,
                                    new ChunkBounds(s.table(), s.bounds().keyColumns(), null, null),
                                    null,
                                    null));
                }
                continue;
            }
            planned.add(s);
        }
        return planned;
    }
}
