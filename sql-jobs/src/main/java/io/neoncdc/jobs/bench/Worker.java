package io.neoncdc.jobs.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The bench's handle on one {@link BenchWorker} JVM: started with a given {@code -Xmx}, it is sent
 * one command at a time and answers with key=value pairs. One worker per path keeps each path's JIT
 * profile its own (the same MiniCluster JVM running other paths first would make call sites like
 * the deserializer's megamorphic) while the bench interleaves every path with its baseline.
 */
final class Worker implements AutoCloseable {
    /** Flink's JDK 17 opens, as in the parent POM's flink.jvm.opens. */
    static final String[] OPENS = {
        "java.base/java.lang",
        "java.base/java.net",
        "java.base/java.io",
        "java.base/java.nio",
        "java.base/sun.nio.ch",
        "java.base/java.lang.reflect",
        "java.base/java.text",
        "java.base/java.time",
        "java.base/java.util",
        "java.base/java.util.concurrent",
        "java.base/java.util.concurrent.atomic",
        "java.base/java.util.concurrent.locks"
    };

    final String name;
    private final Process process;
    private final BufferedReader in;
    private final Writer commands;
    private boolean ready;

    private Worker(String name, Process process) {
        this.name = name;
        this.process = process;
        this.in =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    /** Starts the JVM (its MiniCluster comes up in the background; the first call waits). */
    static Worker start(BenchServer server, String name, int heapMb, List<String> jvmFlags)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + heapMb + "m");
        cmd.add("-XX:+ExitOnOutOfMemoryError");
        cmd.addAll(jvmFlags);
        for (String open : OPENS) {
            cmd.add("--add-opens=" + open + "=ALL-UNNAMED");
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(BenchWorker.class.getName());
        cmd.add(name);
        cmd.add(server.host);
        cmd.add(String.valueOf(server.port));
        cmd.add(server.user);
        cmd.add(server.database);
        cmd.add(server.sslMode);
        Path err = Path.of(System.getProperty("java.io.tmpdir"), "bench-worker-" + name + ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
        pb.environment().put(BenchWorker.PASSWORD_ENV, server.password);
        return new Worker(name, pb.start());
    }

    /** Sends one command and returns its answer; throws {@link Failure} when it failed. */
    synchronized Map<String, String> call(String... command) throws IOException {
        if (!ready) {
            answer();
            ready = true;
        }
        commands.write(String.join(" ", command) + "\n");
        commands.flush();
        return answer();
    }

    private Map<String, String> answer() throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            if (!line.startsWith(BenchWorker.PREFIX)) {
                continue;
            }
            String body = line.substring(BenchWorker.PREFIX.length());
            if (body.startsWith("error ")) {
                throw new Failure(name + ": " + body.substring(6));
            }
            Map<String, String> values = new HashMap<>();
            for (String part : body.split(" ")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    values.put(part.substring(0, eq), part.substring(eq + 1).replace('_', ' '));
                }
            }
            return values;
        }
        throw new Failure("worker " + name + " ended (exit " + exit() + "), see its log");
    }

    private String exit() {
        try {
            return process.waitFor(10, TimeUnit.SECONDS) ? "" + process.exitValue() : "none";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    @Override
    public void close() {
        try {
            commands.write("quit\n");
            commands.flush();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** VmHWM (peak resident set) of this JVM in KB, 0 when unknown. */
    static long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return 0;
    }

    /** A command that failed in the worker, or a worker that died. */
    static final class Failure extends IOException {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message);
        }
    }
}
