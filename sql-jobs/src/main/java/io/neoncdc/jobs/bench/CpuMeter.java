package io.neoncdc.jobs.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time spent while it is open: by this JVM (every thread: task, fetcher, JIT, GC) and by the
 * bench server's PostgreSQL processes (its postmaster and the postmaster's children, from {@code
 * /proc}; every process named {@code postgres} when the server's postmaster is not on this
 * machine). Backends end with their connection and take their counters with them, so a sampler
 * thread keeps the last value seen of every process (up to 20 ms of a backend's last CPU can be
 * missed). Zero where unknown. Each process is classified once: a sample reads the {@code stat} of
 * the server's processes only (reading every PostgreSQL process's, every 20 ms, took a fifth of a
 * worker's CPU samples in a profile on a machine running other PostgreSQL servers too, on the cores
 * the measured job runs on, and counted those servers' CPU).
 */
final class CpuMeter implements AutoCloseable {
    private static final double TICK_SECONDS = 0.01; // USER_HZ is 100 on Linux

    private final long jvmStart = jvmNanos();
    private final Map<Long, Long> firstTicks = new HashMap<>();
    private final Map<Long, Long> lastTicks = new HashMap<>();
    private final java.util.Set<Long> others = new java.util.HashSet<>();
    private final long postmaster;
    private final Thread sampler;
    private volatile boolean open = true;
    private long jvmEnd = -1;

    /**
     * @param server the server whose processes are counted
     */
    CpuMeter(BenchServer server) {
        postmaster = server.postmasterPid();
        Map<Long, Long> now = postgresTicks();
        firstTicks.putAll(now);
        lastTicks.putAll(now);
        sampler = new Thread(this::sample, "bench-cpu-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Seconds of CPU this JVM used while the meter was open. */
    double jvmSeconds() {
        return ((jvmEnd >= 0 ? jvmEnd : jvmNanos()) - jvmStart) / 1e9;
    }

    /** Seconds of CPU the PostgreSQL processes used while the meter was open. */
    synchronized double postgresSeconds() {
        long ticks = 0;
        for (Map.Entry<Long, Long> e : lastTicks.entrySet()) {
            ticks += e.getValue() - firstTicks.getOrDefault(e.getKey(), 0L);
        }
        return ticks * TICK_SECONDS;
    }

    @Override
    public void close() {
        if (jvmEnd < 0) {
            jvmEnd = jvmNanos();
        }
        open = false;
        sampler.interrupt();
        try {
            sampler.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        record(postgresTicks());
    }

    private void sample() {
        while (open) {
            record(postgresTicks());
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void record(Map<Long, Long> now) {
        now.forEach((pid, ticks) -> lastTicks.merge(pid, ticks, Math::max));
    }

    private static long jvmNanos() {
        java.lang.management.OperatingSystemMXBean os =
                ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
        }
        return 0;
    }

    /**
     * utime + stime in clock ticks of every live process of the server, by pid (called from the
     * constructor's thread, then only from the sampler thread, then from {@link #close}).
     */
    private synchronized Map<Long, Long> postgresTicks() {
        Map<Long, Long> ticks = new HashMap<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : procs) {
                long pid;
                try {
                    pid = Long.parseLong(p.getFileName().toString());
                } catch (NumberFormatException e) {
                    continue;
                }
                if (others.contains(pid)) {
                    continue;
                }
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    int close = stat.lastIndexOf(')');
                    String[] f = stat.substring(close + 2).split(" ");
                    boolean ours =
                            postmaster > 0
                                    ? pid == postmaster || Long.parseLong(f[1]) == postmaster
                                    : stat.substring(stat.indexOf('(') + 1, close)
                                            .equals("postgres");
                    if (!ours) {
                        others.add(pid); // a pid is reused only after many new processes
                        continue;
                    }
                    ticks.put(
                            Long.parseLong(p.getFileName().toString()),
                            Long.parseLong(f[11]) + Long.parseLong(f[12]));
                } catch (IOException | RuntimeException e) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return ticks;
    }
}
