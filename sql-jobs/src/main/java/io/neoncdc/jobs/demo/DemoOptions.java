package io.neoncdc.jobs.demo;

import java.time.Duration;
import java.util.Locale;

/** The demo's command line: run length, refresh, traffic rate, seed size and Neon switches. */
final class DemoOptions {
    static final String USAGE =
            String.join(
                    "\n",
                    "Usage: java -jar sql-jobs/target/neon-postgres-cdc-sql-jobs-demo.jar"
                            + " [options]",
                    "",
                    "Without NEON_HOST the demo starts an embedded PostgreSQL; with it"
                            + " (environment",
                    "or --config file) it runs against that server, e.g. a Neon database.",
                    "",
                    "  --duration <d>    stop d (30s, 2m, 1h) after the Flink job started",
                    "                    (default: run until Ctrl-C)",
                    "  --config <file>   properties file with NEON_HOST, NEON_PORT, NEON_USER,",
                    "                    NEON_PASSWORD, NEON_DATABASE, NEON_SSLMODE",
                    "  --setup           (Neon) create the demo schema, seed data and publication",
                    "  --rate <n>        row changes per second of the traffic generator (default"
                            + " 300, 0 = off)",
                    "  --orders <n>      orders in the seed data (default 3000)",
                    "  --refresh <d>     console refresh (default 1s on a terminal, 5s otherwise)",
                    "  --plain           print frames one after another instead of redrawing",
                    "  --help            this text");

    Duration duration;
    String configFile;
    boolean setup;
    int rate = 300;
    int orders = 3000;
    Duration refresh;
    boolean plain;
    boolean help;

    static DemoOptions parse(String[] args) {
        DemoOptions o = new DemoOptions();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--duration":
                    o.duration = positive(value(args, ++i, arg), arg);
                    break;
                case "--config":
                    o.configFile = value(args, ++i, arg);
                    break;
                case "--setup":
                    o.setup = true;
                    break;
                case "--rate":
                    o.rate = number(value(args, ++i, arg), arg);
                    break;
                case "--orders":
                    o.orders = Math.max(1, number(value(args, ++i, arg), arg));
                    break;
                case "--refresh":
                    o.refresh = positive(value(args, ++i, arg), arg);
                    break;
                case "--plain":
                    o.plain = true;
                    break;
                case "--help":
                case "-h":
                    o.help = true;
                    break;
                default:
                    throw new IllegalArgumentException("Unknown option '" + arg + "'.");
            }
        }
        return o;
    }

    /** {@code 30s}, {@code 2m}, {@code 1h}, {@code 500ms}, or plain seconds. */
    static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            long n = Long.parseLong(t.replaceAll("[smh]$", ""));
            if (t.endsWith("m")) {
                return Duration.ofMinutes(n);
            }
            return t.endsWith("h") ? Duration.ofHours(n) : Duration.ofSeconds(n);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "Not a duration: '" + text + "' (use e.g. 30s, 2m, 1h).");
        }
    }

    private static Duration positive(String text, String option) {
        Duration d = duration(text);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(
                    option
                            + " must be longer than 0, e.g. "
                            + option
                            + " 30s (not '"
                            + text
                            + "').");
        }
        return d;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value.");
        }
        return args[i];
    }

    private static int number(String text, String option) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, not '" + text + "'.");
        }
    }
}
