package io.neoncdc.jobs.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The drain baseline: {@code pg_recvlogical} (pgoutput, proto_version 1, text values) streaming a
 * slot up to an end position into a pipe this JVM only counts. Times from the slot becoming active
 * to the last byte received, like our drain.
 */
final class RecvLogical {
    private RecvLogical() {}

    /** pg_recvlogical on PATH, in /usr/lib/postgresql/N/bin, or next to the embedded binaries. */
    static Optional<Path> find() {
        List<Path> candidates = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            candidates.add(Path.of(dir, "pg_recvlogical"));
        }
        candidates.addAll(glob(Path.of("/usr/lib/postgresql"), "bin/pg_recvlogical"));
        candidates.addAll(glob(Path.of("/tmp/embedded-pg"), "bin/pg_recvlogical"));
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    private static List<Path> glob(Path parent, String child) {
        List<Path> found = new ArrayList<>();
        if (Files.isDirectory(parent)) {
            try (Stream<Path> dirs = Files.list(parent)) {
                dirs.sorted().forEach(d -> found.add(d.resolve(child)));
            } catch (IOException e) {
                // nothing there
            }
        }
        return found;
    }

    static String version(Path binary) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(binary.toString(), "--version").start();
        String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor(10, TimeUnit.SECONDS);
        return v;
    }

    /** Drains {@code slot} up to {@code endLsn}; returns the elapsed seconds and peak RSS. */
    static DrainResult drain(BenchServer server, Path binary, String slot, String endLsn)
            throws Exception {
        ProcessBuilder pb =
                new ProcessBuilder(
                        binary.toString(),
                        "-h",
                        server.host,
                        "-p",
                        String.valueOf(server.port),
                        "-U",
                        server.user,
                        "-d",
                        server.database,
                        "--slot",
                        slot,
                        "--start",
                        "--no-loop",
                        "-E",
                        endLsn,
                        "-o",
                        "proto_version=1",
                        "-o",
                        "publication_names=" + DataSets.PUBLICATION,
                        "-F",
                        "0",
                        "-s",
                        "10",
                        "-f",
                        "-");
        pb.environment().put("PGPASSWORD", server.password);
        pb.environment().put("PGSSLMODE", server.sslMode);
        pb.redirectError(ProcessBuilder.Redirect.PIPE);
        Process p = pb.start();
        AtomicLong bytes = new AtomicLong();
        AtomicLong lastData = new AtomicLong();
        Thread reader = new Thread(() -> count(p.getInputStream(), bytes, lastData), "recv-out");
        reader.start();
        long start = Slots.awaitActive(server, slot, Duration.ofSeconds(60));
        long peakRssKb = 0;
        while (!p.waitFor(50, TimeUnit.MILLISECONDS)) {
            peakRssKb = Math.max(peakRssKb, rssKb(p.pid()));
        }
        reader.join(10_000);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0 || bytes.get() == 0) {
            throw new IllegalStateException(
                    "pg_recvlogical exited with " + p.exitValue() + ": " + err.trim());
        }
        return new DrainResult((lastData.get() - start) / 1e9, "RSS " + peakRssKb / 1024 + " MB");
    }

    private static void count(InputStream in, AtomicLong bytes, AtomicLong lastData) {
        byte[] buffer = new byte[1 << 16];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                bytes.addAndGet(n);
                lastData.set(System.nanoTime());
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** VmHWM (peak resident set) of a running process in KB, 0 when unknown. */
    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // ended or not Linux
        }
        return 0;
    }
}
