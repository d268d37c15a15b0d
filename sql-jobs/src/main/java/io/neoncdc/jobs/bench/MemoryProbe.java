package io.neoncdc.jobs.bench;

import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The forked JVM of the memory figures (run with a small {@code -Xmx}): its own MiniCluster runs
 * one job — a snapshot with default chunks, or a drain — and the last line it prints is {@code
 * PROBE ok=… heapAfterGcMb=… heapUsedMb=… gcs=… rssMb=…}.
 */
public final class MemoryProbe {
    static final String PASSWORD_ENV = "BENCH_PGPASSWORD";

    private MemoryProbe() {}

    /**
     * {@code snapshot host port user database sslmode table rows parallelism} or {@code drain host
     * port user database sslmode slot changes}; the password comes from {@value #PASSWORD_ENV}.
     */
    public static void main(String[] args) {
        BenchLogging.configure(Path.of(System.getProperty("java.io.tmpdir"), "bench-probe.log"));
        PrintStream out = System.out;
        BenchServer server =
                BenchServer.of(
                        args[1],
                        Integer.parseInt(args[2]),
                        args[3],
                        System.getenv().getOrDefault(PASSWORD_ENV, ""),
                        args[4],
                        args[5]);
        BenchOptions options = new BenchOptions();
        int code = 0;
        try (HeapWatch heap = HeapWatch.start();
                BenchCluster cluster = BenchCluster.start()) {
            if ("snapshot".equals(args[0])) {
                new SnapshotBench(server, cluster, options, out)
                        .ours(
                                args[6],
                                Long.parseLong(args[7]),
                                Integer.parseInt(args[8]),
                                NeonPostgresSourceConfig.DEFAULT_CHUNK_ROWS);
            } else {
                new DrainBench(server, cluster, options, out, null)
                        .ours(args[6], Long.parseLong(args[7]), true);
            }
            out.printf(
                    Locale.ROOT,
                    "PROBE ok=true heapAfterGcMb=%d heapUsedMb=%d gcs=%d rssMb=%d%n",
                    HeapWatch.mb(heap.peakAfterGcBytes()),
                    HeapWatch.mb(heap.peakUsedBytes()),
                    heap.collections(),
                    peakRssKb() / 1024);
        } catch (Throwable t) {
            out.println("PROBE ok=false error=" + String.valueOf(t).replace('\n', ' '));
            code = 1;
        }
        out.flush();
        System.exit(code);
    }

    static long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return 0;
    }
}
