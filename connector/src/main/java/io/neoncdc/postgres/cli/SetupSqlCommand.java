package io.neoncdc.postgres.cli;

import static io.neoncdc.postgres.config.NeonPostgresOptions.DATABASE_NAME;
import static io.neoncdc.postgres.config.NeonPostgresOptions.HOSTNAME;
import static io.neoncdc.postgres.config.NeonPostgresOptions.NEON_POOLER_HOST_REWRITE;
import static io.neoncdc.postgres.config.NeonPostgresOptions.USERNAME;

import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.catalog.TableList;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import java.io.PrintStream;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.ValidationException;

/**
 * {@code setup-sql}: prints the setup script for the exact tables of the options ({@code
 * table-list}, a list file, or a literal {@code table-name}) without connecting anywhere.
 */
final class SetupSqlCommand {
    /** The role of the script when {@code username} is not given. */
    static final String DEFAULT_ROLE = "neon_cdc";

    private final Configuration options;
    private final String signalTable;

    SetupSqlCommand(Configuration options, String signalTable) {
        this.options = options;
        this.signalTable = signalTable;
    }

    int run(PrintStream out, PrintStream err) {
        Configuration copy = new Configuration(options);
        // Nothing is connected: only the names matter, so placeholders fill the connection.
        if (!copy.contains(USERNAME)) {
            copy.set(USERNAME, DEFAULT_ROLE);
        }
        if (!copy.contains(DATABASE_NAME)) {
            copy.set(DATABASE_NAME, "<database>");
        }
        copy.set(HOSTNAME, "localhost");
        copy.set(NEON_POOLER_HOST_REWRITE, true);
        try {
            NeonPostgresSourceConfig config = NeonPostgresSourceConfig.fromOptions(copy).build();
            List<TableId> tables = config.captureList().exactNames();
            if (tables.isEmpty()) {
                throw new ValidationException(
                        "setup-sql needs the exact tables, not a regular expression: set"
                                + " 'table-list' (e.g. --option table-list=public.orders), use"
                                + " --table-list-file, or a literal 'table-name'.");
            }
            String signal = signalTable != null ? signalTable : options.toMap().get("signal.table");
            out.print(
                    new SetupScript(
                                    config,
                                    tables,
                                    heartbeat(config.heartbeatTable()),
                                    signal == null ? null : TableList.parseName(signal))
                            .render());
            return 0;
        } catch (ValidationException e) {
            err.println(e.getMessage());
            return 2;
        }
    }

    /** {@code heartbeat.table} read as the stream's heartbeat reads it: split at the dot. */
    private static TableId heartbeat(String name) {
        if (name == null) {
            return null;
        }
        String[] parts = name.split("\\.", 2);
        return new TableId(parts[0], parts[1]);
    }
}
