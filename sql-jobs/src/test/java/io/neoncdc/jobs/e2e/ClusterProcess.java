package io.neoncdc.jobs.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One JVM of the test's Flink cluster (JobManager, TaskManager or SQL gateway), logging to files.
 */
final class ClusterProcess implements AutoCloseable {
    /** Flink's env.java.opts.all: what Flink needs on JDK 17. */
    static final List<String> JDK17_OPENS =
            List.of(
                    "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
                    "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang=ALL-UNNAMED",
                    "--add-opens=java.base/java.net=ALL-UNNAMED",
                    "--add-opens=java.base/java.io=ALL-UNNAMED",
                    "--add-opens=java.base/java.nio=ALL-UNNAMED",
                    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                    "--add-opens=java.base/java.text=ALL-UNNAMED",
                    "--add-opens=java.base/java.time=ALL-UNNAMED",
                    "--add-opens=java.base/java.util=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Path outFile;

    private ClusterProcess(String name, Process process, Path logFile, Path outFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.outFile = outFile;
    }

    /**
     * Starts {@code mainClass} in a new JVM: Flink's log goes to {@code <logDir>/<name>.log},
     * stdout and stderr to {@code <name>.out} (where the print connector writes).
     */
    static ClusterProcess start(
            String name,
            String classPath,
            Path confDir,
            Path logDir,
            List<String> jvmArgs,
            String mainClass,
            List<String> args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JDK17_OPENS);
        command.addAll(jvmArgs);
        Path logFile = logDir.resolve(name + ".log");
        Path outFile = logDir.resolve(name + ".out");
        command.add("-Dlog.file=" + logFile);
        command.add("-Dlog4j.configurationFile=" + confDir.resolve("log4j.properties").toUri());
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("FLINK_CONF_DIR", confDir.toString());
        env.put("FLINK_LOG_DIR", logDir.toString());
        builder.redirectErrorStream(true);
        builder.redirectOutput(outFile.toFile());
        return new ClusterProcess(name, builder.start(), logFile, outFile);
    }

    String name() {
        return name;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to exit; false if it still runs after {@code timeout}. */
    boolean waitFor(java.time.Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    int exitValue() {
        return process.exitValue();
    }

    /** What the process printed (the print connector's lines on a TaskManager). */
    String stdout() throws IOException {
        return Files.exists(outFile) ? Files.readString(outFile, StandardCharsets.UTF_8) : "";
    }

    /** The last lines of the log and of stdout, for failure messages. */
    String tail(int lines) {
        return name
                + " ("
                + (isAlive() ? "running" : "exited " + process.exitValue())
                + ")\n"
                + tailOf(logFile, lines)
                + tailOf(outFile, lines);
    }

    private static String tailOf(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()))
                    + "\n";
        } catch (IOException e) {
            return "(no " + file.getFileName() + ")\n";
        }
    }

    /** Stops the JVM: SIGTERM, then SIGKILL after 15 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
