package io.neoncdc.postgres.cli;

import io.neoncdc.postgres.catalog.TableList;
import io.neoncdc.postgres.config.NeonPostgresOptions;
import io.neoncdc.postgres.config.OptionSets;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

/**
 * The command line of {@link NeonCdcCli}: the command, and the connector options merged from
 * environment variables ({@code NEON_HOST} …), a properties file ({@code --config}) and {@code
 * --option key=value}, later sources winning, under the SQL option keys.
 */
final class CliArguments {
    /** Environment variables and the option each sets. */
    static final Map<String, String> ENV =
            Map.of(
                    "NEON_HOST", "hostname",
                    "NEON_PORT", "port",
                    "NEON_USER", "username",
                    "NEON_PASSWORD", "password",
                    "NEON_DATABASE", "database-name",
                    "NEON_SSLMODE", "ssl.mode");

    /** A wrong command line: printed with the usage, exit code 2. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    private static final Set<String> FLAGS =
            Set.of("--config", "--option", "-o", "--table-list-file", "--signal-table");

    final String command;
    final Map<String, String> options = new LinkedHashMap<>();
    String signalTable;

    private CliArguments(String command) {
        this.command = command;
    }

    static CliArguments parse(String[] args, Map<String, String> env) {
        if (args.length == 0) {
            throw new UsageException("No command given.");
        }
        CliArguments a = new CliArguments(args[0]);
        Map<String, String> fromFile = new LinkedHashMap<>();
        Map<String, String> fromFlags = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            String flag = arg.contains("=") && arg.startsWith("--") ? arg.split("=", 2)[0] : arg;
            if (!FLAGS.contains(flag)) {
                throw new UsageException("Unknown argument '" + arg + "'.");
            }
            String value =
                    flag.equals(arg)
                            ? (i + 1 < args.length ? args[++i] : null)
                            : arg.substring(flag.length() + 1);
            if (value == null) {
                throw new UsageException(flag + " needs a value.");
            }
            switch (flag) {
                case "--config":
                    fromFile.putAll(readProperties(Path.of(value)));
                    break;
                case "--option":
                case "-o":
                    int eq = value.indexOf('=');
                    if (eq <= 0) {
                        throw new UsageException("--option needs key=value, got '" + value + "'.");
                    }
                    fromFlags.put(value.substring(0, eq).trim(), value.substring(eq + 1));
                    break;
                case "--table-list-file":
                    fromFlags.put(
                            NeonPostgresOptions.TABLE_LIST.key(),
                            TableList.format(TableList.readFile(Path.of(value))));
                    break;
                case "--signal-table":
                    a.signalTable = value;
                    break;
                default:
                    throw new UsageException("Unknown argument '" + arg + "'.");
            }
        }
        ENV.forEach(
                (var, key) -> {
                    String value = env.get(var);
                    if (value != null && !value.isEmpty()) {
                        a.options.put(key, value);
                    }
                });
        a.options.putAll(fromFile);
        a.options.putAll(fromFlags);
        a.options.remove("connector"); // a WITH clause copied from SQL
        checkKeys(a.options.keySet());
        return a;
    }

    Configuration configuration() {
        return Configuration.fromMap(options);
    }

    private static Map<String, String> readProperties(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UsageException("Cannot read --config " + file + ": " + e.getMessage());
        }
        Map<String, String> result = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> result.put(k.trim(), p.getProperty(k).trim()));
        return result;
    }

    /** Unknown keys would be ignored silently: a typo must not pass as a valid setup. */
    private static void checkKeys(Set<String> keys) {
        Set<String> known = new TreeSet<>();
        for (Set<ConfigOption<?>> set : List.of(OptionSets.required(), OptionSets.optional())) {
            set.forEach(o -> known.add(o.key()));
        }
        Set<String> unknown = new TreeSet<>(keys);
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new UsageException(
                    "Unknown option(s) "
                            + unknown
                            + ". Options use the SQL connector's keys: "
                            + String.join(", ", known)
                            + ".");
        }
    }
}
