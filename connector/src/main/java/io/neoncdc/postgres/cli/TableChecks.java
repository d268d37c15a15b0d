package io.neoncdc.postgres.cli;

import io.neoncdc.postgres.catalog.CaptureSelection;
import io.neoncdc.postgres.catalog.CatalogReader;
import io.neoncdc.postgres.catalog.TableInfo;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import io.neoncdc.postgres.setup.SetupChecks;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.table.api.ValidationException;

/**
 * Checks of the captured tables: the capture list against the catalog (base tables only), {@code
 * SELECT} grants and replica identity per table, with the checks and messages of a starting source.
 */
final class TableChecks {
    private final NeonPostgresSourceConfig config;
    private final Connection connection;
    private final SetupChecks checks;

    TableChecks(NeonPostgresSourceConfig config, Connection connection) {
        this.config = config;
        this.connection = connection;
        this.checks = new SetupChecks(config);
    }

    /** Adds the checks; returns the captured tables. */
    List<TableInfo> run(Checklist list) throws SQLException {
        CatalogReader catalog = new CatalogReader(connection);
        CaptureSelection s =
                config.captureList().classify(catalog.relations(), config.connection().database());
        s.rejected()
                .forEach(
                        (id, reason) ->
                                list.add(
                                        s.strict()
                                                ? Check.fail(
                                                        "Base table " + id,
                                                        CaptureSelection.rejectionMessage(
                                                                id, reason))
                                                : Check.warn(
                                                        "Base table " + id,
                                                        "matches the capture list but is not"
                                                                + " captured: "
                                                                + reason)));
        if (s.missing() != null || s.empty() != null) {
            list.add(Check.fail("Capture list", s.missing() != null ? s.missing() : s.empty()));
        } else {
            list.add(
                    Check.ok(
                            "Capture list",
                            s.selected().size()
                                    + " table(s): "
                                    + s.selected().stream()
                                            .map(r -> r.id.toString())
                                            .collect(Collectors.joining(", "))));
        }
        if (s.selected().isEmpty()) {
            return List.of();
        }
        List<TableInfo> tables = catalog.describe(s.selected());
        grants(list, tables);
        replicaIdentity(list, tables);
        return tables;
    }

    private void grants(Checklist list, List<TableInfo> tables) throws SQLException {
        boolean snapshots = config.startupMode().snapshots();
        int readable = 0;
        for (TableInfo t : tables) {
            try {
                checks.selectGrants(connection, List.of(t));
                readable++;
            } catch (ValidationException e) {
                String name = "SELECT " + t.id();
                list.add(
                        snapshots
                                ? Check.fail(name, e.getMessage())
                                : Check.warn(
                                        name,
                                        e.getMessage()
                                                + " (only needed for snapshots, which this"
                                                + " startup mode does not take)"));
            }
        }
        if (readable == tables.size()) {
            list.add(
                    Check.ok(
                            "SELECT",
                            "role '"
                                    + config.connection().user()
                                    + "' may read all "
                                    + tables.size()
                                    + " captured table(s)"));
        }
    }

    private void replicaIdentity(Checklist list, List<TableInfo> tables) throws SQLException {
        Map<String, Integer> identities = new TreeMap<>();
        int good = 0;
        for (TableInfo t : tables) {
            try {
                checks.replicaIdentity(connection, List.of(t));
                identities.merge(SetupChecks.identityName(t.replicaIdentity()), 1, Integer::sum);
                good++;
            } catch (ValidationException e) {
                list.add(Check.fail("Replica identity " + t.id(), e.getMessage()));
            }
        }
        if (good == tables.size()) {
            list.add(
                    Check.ok(
                            "Replica identity",
                            "'changelog-mode' = '"
                                    + config.changelogMode()
                                    + "': "
                                    + identities.entrySet().stream()
                                            .map(e -> e.getValue() + " table(s) " + e.getKey())
                                            .collect(Collectors.joining(", "))));
        }
    }
}
