package io.neoncdc.jobs.bench;

import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One {@link Worker} per measured path, started together (they come up while data loads); or, with
 * {@code --one-worker} (a smoke run), one worker for every path.
 */
final class Workers implements AutoCloseable {
    private final BenchServer server;
    private final BenchOptions options;
    private final Map<BenchPath, Worker> workers = new EnumMap<>(BenchPath.class);

    Workers(BenchServer server, BenchOptions options) {
        this.server = server;
        this.options = options;
    }

    /** Starts the workers of these paths now, without waiting for them. */
    void start(List<BenchPath> paths) throws IOException {
        for (BenchPath p : paths) {
            if (workers.containsKey(p)) {
                continue;
            }
            Worker shared =
                    options.oneWorker ? workers.values().stream().findFirst().orElse(null) : null;
            workers.put(
                    p,
                    shared != null
                            ? shared
                            : Worker.start(
                                    server,
                                    options.oneWorker
                                            ? "all"
                                            : p.name().toLowerCase(java.util.Locale.ROOT),
                                    options.workerHeapMb,
                                    flags(p)));
        }
    }

    private List<String> flags(BenchPath p) throws IOException {
        List<String> flags = new java.util.ArrayList<>(jvmFlags(options));
        if (options.jfr != null) {
            java.nio.file.Files.createDirectories(options.jfr);
            String name = options.oneWorker ? "all" : p.name().toLowerCase(java.util.Locale.ROOT);
            // A settings.jfc in the directory (e.g. a shorter sampling period) replaces profile.
            java.nio.file.Path custom = options.jfr.resolve("settings.jfc");
            flags.add(
                    "-XX:StartFlightRecording=settings="
                            + (java.nio.file.Files.exists(custom) ? custom.toString() : "profile")
                            + ",dumponexit=true,filename="
                            + options.jfr.resolve(name + ".jfr"));
        }
        return flags;
    }

    /** The flags every worker JVM gets. */
    static List<String> jvmFlags(BenchOptions options) {
        return List.of("-D" + PathJobs.CHECKPOINT_PROPERTY + "=" + options.checkpointSeconds);
    }

    Worker get(BenchPath path) throws IOException {
        start(List.of(path));
        return workers.get(path);
    }

    @Override
    public void close() {
        new java.util.HashSet<>(workers.values()).forEach(Worker::close);
        workers.clear();
    }
}
