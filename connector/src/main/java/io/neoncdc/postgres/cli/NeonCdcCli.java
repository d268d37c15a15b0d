package io.neoncdc.postgres.cli;

import java.io.PrintStream;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.api.ValidationException;

/**
 * Command-line entry point: {@code validate} checks a database and role against what the source
 * needs, {@code setup-sql} prints the script that sets them up. Exit code 0 on success, 1 when a
 * check failed, 2 on a wrong command line.
 */
@Internal
public final class NeonCdcCli {
    static final String USAGE =
            String.join(
                    "\n",
                    "Usage: java -cp <connector jar and dependencies>"
                            + " io.neoncdc.postgres.cli.NeonCdcCli <command> [arguments]",
                    "",
                    "Commands:",
                    "  validate    connect as the source would and check the server, role, tables,"
                            + " publication and slot",
                    "  setup-sql   print the SQL that creates the role, grants, publication, slot,"
                            + " heartbeat and signal tables",
                    "",
                    "Arguments (connector options use the SQL keys, e.g. hostname, table-list):",
                    "  --config FILE            a properties file of connector options",
                    "  --option KEY=VALUE       one connector option (repeatable; wins over the"
                            + " file)",
                    "  --table-list-file FILE   capture the tables of a CSV file (schema,table per"
                            + " line)",
                    "  --signal-table S.T       setup-sql: also create this signal table",
                    "",
                    "Environment: NEON_HOST, NEON_PORT, NEON_USER, NEON_PASSWORD, NEON_DATABASE,"
                            + " NEON_SSLMODE (overridden by --config and --option).",
                    "");

    private NeonCdcCli() {}

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Runs a command; returns the exit code. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        CliArguments arguments;
        try {
            arguments = CliArguments.parse(args, env);
        } catch (CliArguments.UsageException | ValidationException e) {
            err.println(e.getMessage());
            err.println();
            err.print(USAGE);
            return 2;
        }
        switch (arguments.command) {
            case "validate":
                if (arguments.signalTable != null) {
                    return usage(err, "--signal-table only applies to setup-sql.");
                }
                return new ValidateCommand(arguments.configuration()).run(out);
            case "setup-sql":
                return new SetupSqlCommand(arguments.configuration(), arguments.signalTable)
                        .run(out, err);
            case "help":
            case "--help":
            case "-h":
                out.print(USAGE);
                return 0;
            default:
                return usage(err, "Unknown command '" + arguments.command + "'.");
        }
    }

    private static int usage(PrintStream err, String message) {
        err.println(message);
        err.println();
        err.print(USAGE);
        return 2;
    }
}
