package io.neoncdc.jobs.runner;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.util.TimeUtils;

/** The SQL runner's command line. */
public final class RunnerOptions {
    static final String USAGE =
            String.join(
                    "\n",
                    "Usage: java -jar sql-jobs/target/neon-postgres-cdc-sql-jobs-runner.jar"
                            + " [options] FILE.sql [FILE.sql ...]",
                    "",
                    "Runs the statements of the files in order, in one session: on a local"
                            + " MiniCluster,",
                    "or with --gateway on a Flink cluster through its SQL gateway. Run by Flink"
                            + " as a job's",
                    "main class (flink run -c io.neoncdc.jobs.runner.SqlRunner, application"
                            + " mode), on that",
                    "cluster with its configuration; its jobs keep running when the runner"
                            + " stops.",
                    "${NAME} and ${NAME:-default} are filled from --var and the environment.",
                    "",
                    "  --gateway <url>      the cluster's SQL gateway, e.g. http://localhost:8083",
                    "  --jar <path>         with --gateway: run ADD JAR '<path>' first (the shaded"
                            + " connector",
                    "                       jar, as the gateway's machine sees it); not needed"
                            + " when the",
                    "                       jar is in the cluster's lib/",
                    "  --var NAME=VALUE     a variable (wins over the environment); repeatable",
                    "  --set KEY=VALUE      a Flink option for the session, e.g."
                            + " parallelism.default=2; repeatable",
                    "  --duration <d>       stop after d (30s, 5min): locally the jobs are"
                            + " cancelled; a",
                    "                       query stops printing. Default: until Ctrl-C (locally)"
                            + " or until",
                    "                       the jobs are submitted (--gateway)",
                    "  --dry-run            print the statements (passwords masked), run nothing",
                    "  --help               this text");

    final List<Path> files = new ArrayList<>();
    final Map<String, String> variables = new LinkedHashMap<>();
    final Map<String, String> flinkOptions = new LinkedHashMap<>();
    URI gateway;
    String jar;
    Duration duration;
    boolean dryRun;
    boolean help;

    /** Parses {@code args}; throws IllegalArgumentException with a message for the user. */
    public static RunnerOptions parse(String... args) {
        RunnerOptions o = new RunnerOptions();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--gateway":
                    o.gateway = gatewayUri(value(args, ++i, arg));
                    break;
                case "--jar":
                    o.jar = value(args, ++i, arg);
                    break;
                case "--var":
                    putPair(o.variables, value(args, ++i, arg), arg);
                    break;
                case "--set":
                    putPair(o.flinkOptions, value(args, ++i, arg), arg);
                    break;
                case "--duration":
                    o.duration = TimeUtils.parseDuration(value(args, ++i, arg));
                    break;
                case "--dry-run":
                    o.dryRun = true;
                    break;
                case "--help":
                case "-h":
                    o.help = true;
                    break;
                default:
                    if (arg.startsWith("-")) {
                        throw new IllegalArgumentException("Unknown option " + arg);
                    }
                    o.files.add(Path.of(arg));
            }
        }
        if (o.files.isEmpty() && !o.help) {
            throw new IllegalArgumentException("Name at least one SQL file.");
        }
        if (o.jar != null && o.gateway == null) {
            throw new IllegalArgumentException(
                    "--jar is for --gateway: locally the connector is on the class path already.");
        }
        return o;
    }

    private static URI gatewayUri(String value) {
        String url = value.contains("://") ? value : "http://" + value;
        return URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    private static void putPair(Map<String, String> into, String pair, String option) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException(option + " needs NAME=VALUE, got " + pair);
        }
        into.put(pair.substring(0, eq).trim(), pair.substring(eq + 1));
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    String target() {
        return gateway == null ? "a local MiniCluster" : "the SQL gateway at " + gateway;
    }
}
