package io.neoncdc.postgres.setup;

import io.neoncdc.postgres.catalog.CatalogReader;
import io.neoncdc.postgres.catalog.TableInfo;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.apache.flink.annotation.Internal;

/**
 * The start-up checks of {@link SourceSetup}, one at a time, for tools that report every problem
 * instead of stopping at the first (the {@code validate} command). Each throws the same
 * ValidationException, with the same fix, that a starting source would fail with.
 */
@Internal
public final class SetupChecks {
    private final NeonPostgresSourceConfig config;

    public SetupChecks(NeonPostgresSourceConfig config) {
        this.config = config;
    }

    /** The role may read the tables (needed by the snapshot phase). */
    public void selectGrants(Connection c, List<TableInfo> tables) throws SQLException {
        setup().checkSelectGrants(c, tables);
    }

    /** The tables' REPLICA IDENTITY suits {@code changelog-mode}. */
    public void replicaIdentity(Connection c, List<TableInfo> tables) throws SQLException {
        new ReplicaIdentityCheck(config, c).check(tables);
    }

    /**
     * The tables a source with this config captures, as its start-up selects them (partitions of a
     * captured root folded into the root), with their catalog metadata.
     */
    public static List<TableInfo> capturedTables(Connection c, NeonPostgresSourceConfig config)
            throws SQLException {
        CatalogReader catalog = new CatalogReader(c);
        String database = config.connection().database();
        return catalog.describe(
                PartitionCheck.rootsOnly(
                        config.captureList().select(catalog.relations(), database)));
    }

    /** {@code DEFAULT}, {@code FULL}, {@code USING INDEX} or {@code NOTHING}. */
    public static String identityName(char relreplident) {
        return ReplicaIdentityCheck.identityName(relreplident);
    }

    private SourceSetup setup() {
        return new SourceSetup(config, null, false);
    }
}
