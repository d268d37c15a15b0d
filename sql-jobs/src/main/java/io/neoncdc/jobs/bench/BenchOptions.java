package io.neoncdc.jobs.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The bench's command line: which parts run, their sizes, how often, and where results go. */
final class BenchOptions {
    static final List<String> PARTS =
            List.of("snapshot", "wide", "chunks", "drain", "latency", "memory", "shared");

    static final String USAGE =
            String.join(
                    "\n",
                    "Usage: java -jar sql-jobs/target/neon-postgres-cdc-sql-jobs-bench.jar"
                            + " [options]",
                    "",
                    "Runs against an embedded PostgreSQL, or the server named by PG_TEST_URL.",
                    "",
                    "  --quick              smaller sizes, one run each (a smoke test)",
                    "  --out <file>         results file (default bench/RESULTS.md;"
                            + " bench/out/RESULTS-quick.md with --quick)",
                    "  --runs <n>           runs per figure (default 3; the median is reported)",
                    "  --only <a,b>         parts: " + String.join(",", PARTS),
                    "  --rows <n>           rows of the narrow snapshot table (default 2000000)",
                    "  --wide-rows <n>      rows of the 30-column table (default 200000)",
                    "  --changes <n>        changes per drain workload (default 1000000)",
                    "  --shared-changes <n> changes of the 12-table drain, one slot vs 12"
                            + " (default 240000)",
                    "  --chunk-sizes <a,b>  chunk sizes of the sweep (default"
                            + " 8192,32768,65536,131072)",
                    "  --latency-rate <n>   changes per second of the latency writer (default"
                            + " 5000)",
                    "  --latency-seconds <n> measured seconds of the latency run (default 60)",
                    "  --memory-heap <mb>   -Xmx of the forked memory probe (default 256)",
                    "  --worker-heap <mb>   -Xmx of each path's worker JVM (default 2048)",
                    "  --warmups <n>        unmeasured runs of every path first (default 1)",
                    "  --checkpoint-seconds <n> checkpoint interval of the jobs (default 10)",
                    "  --paths <a,b>        only these paths (e.g. SQL,CHANGE_EVENT; default all)",
                    "  --jfr <dir>          record each worker with JFR (settings=profile, or"
                            + " <dir>/settings.jfc) into <dir>/<worker>.jfr",
                    "  --one-worker         every path in one worker JVM (a smoke run: JIT"
                            + " profiles mix)",
                    "  --recvlogical <path> pg_recvlogical to use ('none': the pgjdbc reader;"
                            + " default: found on PATH or next to PostgreSQL)",
                    "  --help               this text");

    boolean quick;
    boolean help;
    Path out;
    int runs = 3;
    Set<String> only = new LinkedHashSet<>(PARTS);
    int rows = 2_000_000;
    int wideRows = 200_000;
    int changes = 1_000_000;
    int sharedChanges = 240_000;
    List<Integer> chunkSizes = List.of(8192, 32768, 65536, 131072);
    int latencyRate = 5000;
    int latencySeconds = 60;
    int latencyWarmupSeconds = 5;
    int memoryHeapMb = 256;
    int workerHeapMb = 2048;
    int warmups = 1;
    int checkpointSeconds = 10;
    boolean oneWorker;
    Path jfr;
    Set<BenchPath> paths = java.util.EnumSet.allOf(BenchPath.class);
    String recvLogical;

    static BenchOptions parse(String[] args) {
        BenchOptions o = new BenchOptions();
        if (Arrays.asList(args).contains("--quick")) {
            o.quick = true;
            o.runs = 1;
            o.rows = 200_000;
            o.wideRows = 20_000;
            o.changes = 100_000;
            o.sharedChanges = 24_000;
            o.chunkSizes = List.of(8192, 65536);
            o.latencyRate = 1000;
            o.latencySeconds = 10;
            o.latencyWarmupSeconds = 2;
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--quick":
                    break;
                case "--help":
                case "-h":
                    o.help = true;
                    break;
                case "--out":
                    o.out = Path.of(value(args, ++i, arg));
                    break;
                case "--runs":
                    o.runs = Math.max(1, number(args, ++i, arg));
                    break;
                case "--only":
                    o.only = parts(value(args, ++i, arg));
                    break;
                case "--rows":
                    o.rows = number(args, ++i, arg);
                    break;
                case "--wide-rows":
                    o.wideRows = number(args, ++i, arg);
                    break;
                case "--changes":
                    o.changes = number(args, ++i, arg);
                    break;
                case "--shared-changes":
                    o.sharedChanges = number(args, ++i, arg);
                    break;
                case "--chunk-sizes":
                    o.chunkSizes = numbers(value(args, ++i, arg));
                    break;
                case "--latency-rate":
                    o.latencyRate = number(args, ++i, arg);
                    break;
                case "--latency-seconds":
                    o.latencySeconds = number(args, ++i, arg);
                    o.latencyWarmupSeconds = Math.min(o.latencyWarmupSeconds, o.latencySeconds);
                    break;
                case "--recvlogical":
                    o.recvLogical = value(args, ++i, arg);
                    break;
                case "--worker-heap":
                    o.workerHeapMb = number(args, ++i, arg);
                    break;
                case "--paths":
                    o.paths = java.util.EnumSet.noneOf(BenchPath.class);
                    for (String p : value(args, ++i, arg).split(",")) {
                        o.paths.add(BenchPath.valueOf(p.trim().toUpperCase(java.util.Locale.ROOT)));
                    }
                    break;
                case "--jfr":
                    o.jfr = Path.of(value(args, ++i, arg)).toAbsolutePath();
                    break;
                case "--one-worker":
                    o.oneWorker = true;
                    break;
                case "--checkpoint-seconds":
                    o.checkpointSeconds = Math.max(1, number(args, ++i, arg));
                    break;
                case "--warmups":
                    o.warmups = Math.max(0, number(args, ++i, arg));
                    break;
                case "--memory-heap":
                    o.memoryHeapMb = number(args, ++i, arg);
                    break;
                default:
                    throw new IllegalArgumentException("Unknown option '" + arg + "'.");
            }
        }
        if (o.out == null) {
            o.out = Path.of(o.quick ? "bench/out/RESULTS-quick.md" : "bench/RESULTS.md");
        }
        return o;
    }

    /** The selected ones of these paths, in their order. */
    List<BenchPath> select(List<BenchPath> candidates) {
        List<BenchPath> selected = new ArrayList<>();
        for (BenchPath p : candidates) {
            if (paths.contains(p)) {
                selected.add(p);
            }
        }
        return selected;
    }

    boolean runs(String part) {
        return only.contains(part);
    }

    private static Set<String> parts(String text) {
        Set<String> parts = new LinkedHashSet<>();
        for (String p : text.split(",")) {
            String part = p.trim();
            if (!PARTS.contains(part)) {
                throw new IllegalArgumentException(
                        "Unknown part '" + part + "' (one of " + String.join(",", PARTS) + ").");
            }
            parts.add(part);
        }
        return parts;
    }

    private static List<Integer> numbers(String text) {
        List<Integer> values = new ArrayList<>();
        for (String v : text.split(",")) {
            values.add(Integer.parseInt(v.trim()));
        }
        return values;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value.");
        }
        return args[i];
    }

    private static int number(String[] args, int i, String option) {
        String text = value(args, i, option);
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, not '" + text + "'.");
        }
    }
}
