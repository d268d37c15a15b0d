package io.neoncdc.postgres.cli;

import static io.neoncdc.postgres.config.NeonPostgresOptions.DATABASE_NAME;
import static io.neoncdc.postgres.config.NeonPostgresOptions.HOSTNAME;
import static io.neoncdc.postgres.config.NeonPostgresOptions.NEON_POOLER_HOST_REWRITE;
import static io.neoncdc.postgres.config.NeonPostgresOptions.USERNAME;

import io.neoncdc.postgres.catalog.CatalogReader;
import io.neoncdc.postgres.catalog.SignalTableCheck;
import io.neoncdc.postgres.catalog.TableInfo;
import io.neoncdc.postgres.config.ConnectionOptions;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import io.neoncdc.postgres.connection.PgConnector;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.ValidationException;

/**
 * {@code validate}: reads the options as the source does, connects as it does (TLS, SSH tunnel,
 * Neon endpoint) and prints the checklist of everything the source needs; never writes.
 */
final class ValidateCommand {
    static final String APPLICATION_NAME = "neon-postgres-cdc validate";

    private final Configuration options;

    ValidateCommand(Configuration options) {
        this.options = options;
    }

    int run(PrintStream out) {
        Checklist list = new Checklist();
        NeonPostgresSourceConfig config = configure(list);
        out.println(
                "neon-postgres-cdc validate"
                        + (config == null ? "" : ": " + config.connection())
                        + "\n");
        if (config != null) {
            check(config, list);
        }
        list.print(out);
        return list.exitCode();
    }

    /** The options and host checks; the config, or null when nothing can be connected. */
    private NeonPostgresSourceConfig configure(Checklist list) {
        for (ConfigOption<String> required : List.of(HOSTNAME, USERNAME, DATABASE_NAME)) {
            if (options.get(required) == null) {
                list.add(
                        Check.fail(
                                "Options",
                                "'"
                                        + required.key()
                                        + "' is not set: use --option "
                                        + required.key()
                                        + "=…, the --config file or "
                                        + CliArguments.ENV.entrySet().stream()
                                                .filter(e -> e.getValue().equals(required.key()))
                                                .map(e -> e.getKey())
                                                .findFirst()
                                                .orElse("")
                                        + "."));
                return null;
            }
        }
        String host = options.get(HOSTNAME);
        try {
            String direct =
                    ConnectionOptions.directHost(host, options.get(NEON_POOLER_HOST_REWRITE));
            list.add(
                    Check.ok(
                            "Pooler host",
                            direct.equals(host)
                                    ? host
                                            + " is a direct host (replication cannot go through"
                                            + " the -pooler PgBouncer host)"
                                    : host
                                            + " is a pooled host; the source connects to "
                                            + direct
                                            + " instead ('neon.pooler-host.rewrite' = 'true')"));
            return NeonPostgresSourceConfig.fromOptions(options).build();
        } catch (ValidationException e) {
            list.add(
                    Check.fail(
                            list.checks().isEmpty() ? "Pooler host" : "Options", e.getMessage()));
            return null;
        }
    }

    private void check(NeonPostgresSourceConfig config, Checklist list) {
        PgConnector connector = new PgConnector(config.connection(), APPLICATION_NAME);
        try (Connection c = connector.openQuery()) {
            list.add(Check.ok("Connection", "connected as " + config.connection().user()));
            boolean canReplicate = new ServerChecks(config, c).run(list);
            if (canReplicate) {
                list.add(replicationConnection(connector));
            }
            List<TableInfo> tables = new TableChecks(config, c).run(list);
            List<TableInfo> published = new ArrayList<>(tables);
            if (config.signalTable() != null) {
                list.add(signalTable(config, c, published));
            }
            if (!tables.isEmpty()) {
                list.add(new PublicationCheck(config, c).run(published));
            }
            list.add(new SlotStatus(config, c).run(canReplicate, config.connection().user()));
            list.add(SlotCapacity.run(c, config.slotName()));
            if (config.slotFailover()) {
                list.add(FailoverCheck.run(c, config.slotName()));
            }
        } catch (SQLException | RuntimeException e) {
            list.add(
                    Check.fail(
                            list.checks().size() <= 1 ? "Connection" : "Checks aborted",
                            String.valueOf(e.getMessage())));
        }
    }

    /** The signal table's shape, as the source checks it; it then belongs in the publication. */
    private static Check signalTable(
            NeonPostgresSourceConfig config, Connection c, List<TableInfo> published)
            throws SQLException {
        String name = "Signal table " + config.signalTable();
        try {
            SignalTableCheck.describe(new CatalogReader(c), config.signalTable())
                    .ifPresent(published::add);
            return Check.ok(name, "has id, type and data; signals are read from the WAL");
        } catch (ValidationException e) {
            return Check.fail(name, e.getMessage());
        }
    }

    /** A replication connection, as the stream reader opens it (pg_hba, max_wal_senders). */
    private static Check replicationConnection(PgConnector connector) {
        try (Connection c = (Connection) connector.openReplication()) {
            return Check.ok("Replication connection", "accepted (replication=database)");
        } catch (SQLException e) {
            return Check.fail("Replication connection", e.getMessage());
        }
    }
}
