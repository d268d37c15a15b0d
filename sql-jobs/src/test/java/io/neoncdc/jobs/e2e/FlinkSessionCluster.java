package io.neoncdc.jobs.e2e;

import io.neoncdc.postgres.testutil.PostgresTestServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ConfigurationUtils;
import org.apache.flink.configuration.GlobalConfiguration;

/**
 * A Flink session cluster as separate JVMs built from Maven artifacts (there is no flink-dist on
 * Maven Central): a JobManager, a TaskManager and a SQL gateway, on free ports of 127.0.0.1, with
 * the repository's flink-conf/config.yaml plus the test's overrides. The class path is the one
 * Maven wrote to target/e2e/flink-cluster.classpath: Flink's lib/ without this project.
 */
final class FlinkSessionCluster implements AutoCloseable {
    /** This build's target directory (target/flink-1.20 for that line). */
    static final Path BUILD =
            Path.of(
                            System.getProperty(
                                    "neoncdc.build.directory",
                                    Path.of(System.getProperty("basedir", "."), "target")
                                            .toString()))
                    .toAbsolutePath();

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final List<ClusterProcess> processes = new ArrayList<>();
    private int sqlClientRuns;
    private final Thread shutdownHook = new Thread(this::stopAll, "e2e-cluster-shutdown");
    private final URI restUrl;
    private final URI gatewayUrl;
    private final ClusterRest rest;
    private final String classPath;
    private final Path confDir;
    private final Path logDir;

    private FlinkSessionCluster(
            URI restUrl, URI gatewayUrl, String classPath, Path confDir, Path logDir) {
        this.restUrl = restUrl;
        this.gatewayUrl = gatewayUrl;
        this.rest = new ClusterRest(restUrl);
        this.classPath = classPath;
        this.confDir = confDir;
        this.logDir = logDir;
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts the three JVMs in {@code workDir} and waits until all of them answer. */
    static FlinkSessionCluster start(Path workDir, Map<String, String> overrides) throws Exception {
        return start(workDir, overrides, List.of());
    }

    /**
     * As {@link #start(Path, Map)}, with {@code extraLib} (e.g. the SQL jar) on every JVM's class
     * path, as jars in Flink's lib/ are.
     */
    static FlinkSessionCluster start(
            Path workDir, Map<String, String> overrides, List<Path> extraLib) throws Exception {
        Path moduleDir = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
        StringBuilder cp = new StringBuilder(libClassPath());
        extraLib.forEach(jar -> cp.append(java.io.File.pathSeparator).append(jar));
        String classPath = cp.toString();
        Path confDir = Files.createDirectories(workDir.resolve("conf"));
        Path logDir = Files.createDirectories(workDir.resolve("log"));
        // Chosen together: three freePort() calls could return one port twice.
        int[] ports = PostgresTestServer.freePorts(3);
        int restPort = ports[0];
        int gatewayPort = ports[1];
        writeConfig(moduleDir.resolve("../flink-conf"), confDir, workDir, ports, overrides);
        FlinkSessionCluster cluster =
                new FlinkSessionCluster(
                        URI.create("http://127.0.0.1:" + restPort),
                        URI.create("http://127.0.0.1:" + gatewayPort),
                        classPath,
                        confDir,
                        logDir);
        try {
            List<String> jm = memoryParameters(classPath, confDir, "GET_JM_RESOURCE_PARAMS");
            cluster.add(
                    "jobmanager",
                    classPath,
                    confDir,
                    logDir,
                    jm,
                    "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint");
            List<String> tm = memoryParameters(classPath, confDir, "GET_TM_RESOURCE_PARAMS");
            cluster.add(
                    "taskmanager",
                    classPath,
                    confDir,
                    logDir,
                    tm,
                    "org.apache.flink.runtime.taskexecutor.TaskManagerRunner");
            cluster.processes.add(
                    ClusterProcess.start(
                            "sql-gateway",
                            classPath,
                            confDir,
                            logDir,
                            List.of("-Xmx512m"),
                            "org.apache.flink.table.gateway.SqlGateway",
                            List.of()));
            cluster.awaitReady();
            return cluster;
        } catch (Exception | AssertionError e) {
            String logs = cluster.logs();
            cluster.close();
            throw new IllegalStateException("The Flink cluster did not start:\n" + logs, e);
        }
    }

    URI restUrl() {
        return restUrl;
    }

    URI gatewayUrl() {
        return gatewayUrl;
    }

    ClusterRest rest() {
        return rest;
    }

    ClusterProcess taskManager() {
        return processes.get(1);
    }

    /** Starts {@code mainClass} in a JVM of the cluster's class path and configuration. */
    ClusterProcess startClient(String name, String mainClass, List<String> args)
            throws IOException {
        return ClusterProcess.start(
                name, classPath, confDir, logDir, List.of("-Xmx384m"), mainClass, args);
    }

    /**
     * Runs Flink's own SQL client against the gateway ({@code sql-client.sh gateway --endpoint … -f
     * script}) in a JVM of the cluster's class path and returns what it printed. The client exits 0
     * even when a statement fails, so an {@code [ERROR]} in its output fails here.
     */
    String sqlClient(Path script) throws Exception {
        int n = ++sqlClientRuns;
        ClusterProcess client =
                ClusterProcess.start(
                        "sql-client-" + n,
                        classPath,
                        confDir,
                        logDir,
                        List.of("-Xmx256m"),
                        "org.apache.flink.table.client.SqlClient",
                        List.of(
                                "gateway",
                                "--endpoint",
                                gatewayUrl.getHost() + ":" + gatewayUrl.getPort(),
                                "-f",
                                script.toString(),
                                // Not ~/.flink-sql-history: nothing left behind.
                                "--history",
                                logDir.resolve("sql-client-" + n + ".history").toString()));
        try {
            if (!client.waitFor(Duration.ofSeconds(120))) {
                throw new AssertionError("The SQL client did not finish:\n" + client.tail(80));
            }
            String out = client.stdout();
            if (out.contains("[ERROR]") || client.exitValue() != 0) {
                throw new AssertionError("The SQL client failed:\n" + client.tail(200));
            }
            return out;
        } finally {
            client.close();
        }
    }

    /** Fails with the logs when one of the JVMs has exited. */
    void assertAlive() {
        for (ClusterProcess p : processes) {
            if (!p.isAlive()) {
                throw new AssertionError(p.name() + " exited:\n" + logs());
            }
        }
    }

    /** The last lines of every process's log and stdout. */
    String logs() {
        StringBuilder sb = new StringBuilder();
        processes.forEach(p -> sb.append("---- ").append(p.tail(60)));
        return sb.toString();
    }

    private void add(
            String name,
            String classPath,
            Path confDir,
            Path logDir,
            List<String> memory,
            String mainClass)
            throws IOException {
        // BashJavaUtils: line 1 the JVM's memory flags, line 2 "-D key=value" dynamic options.
        List<String> jvm = Arrays.asList(memory.get(0).trim().split("\\s+"));
        List<String> args = new ArrayList<>(List.of("--configDir", confDir.toString()));
        args.addAll(Arrays.asList(memory.get(1).trim().split("\\s+")));
        processes.add(ClusterProcess.start(name, classPath, confDir, logDir, jvm, mainClass, args));
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            assertAlive();
            if (rest.registeredSlots() > 0 && rest.answers(gatewayUrl.resolve("/v3/info"))) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Not ready within " + START_TIMEOUT);
    }

    /** Flink's lib/ without this project: the test class path Maven wrote for the cluster. */
    static String libClassPath() throws IOException {
        Path file = BUILD.resolve("e2e/flink-cluster.classpath");
        if (!Files.exists(file)) {
            throw new IllegalStateException(
                    file + " is missing: Maven writes it (run the test through mvn verify)");
        }
        return Files.readString(file, StandardCharsets.UTF_8).trim();
    }

    /**
     * flink-conf/config.yaml as Flink reads it, plus the test's ports (REST, gateway, RPC),
     * directories and sizes.
     */
    private static void writeConfig(
            Path flinkConf, Path confDir, Path workDir, int[] ports, Map<String, String> overrides)
            throws IOException {
        Configuration conf = GlobalConfiguration.loadConfiguration(flinkConf.toString());
        Map<String, String> test = new java.util.LinkedHashMap<>();
        for (String host :
                List.of(
                        "jobmanager.rpc.address",
                        "jobmanager.bind-host",
                        "taskmanager.host",
                        "taskmanager.bind-host",
                        "rest.address",
                        "rest.bind-address",
                        "sql-gateway.endpoint.rest.address",
                        "sql-gateway.endpoint.rest.bind-address")) {
            test.put(host, "127.0.0.1");
        }
        test.put("rest.port", String.valueOf(ports[0]));
        test.put("sql-gateway.endpoint.rest.port", String.valueOf(ports[1]));
        test.put("jobmanager.rpc.port", String.valueOf(ports[2]));
        // Pekko's default 10 s for the RPC system to come up is too short on a loaded 2-core
        // machine (CI: "Could not create actor system … Futures timed out after [10000 ms]").
        test.put("pekko.startup-timeout", "60 s");
        test.put("jobmanager.memory.process.size", "1024m");
        test.put("taskmanager.memory.process.size", "1280m");
        test.put("taskmanager.memory.managed.fraction", "0.2");
        test.put("execution.checkpointing.dir", workDir.resolve("checkpoints").toUri().toString());
        test.put(
                "execution.checkpointing.savepoint-dir",
                workDir.resolve("savepoints").toUri().toString());
        test.put("io.tmp.dirs", Files.createDirectories(workDir.resolve("tmp")).toString());
        test.put("web.tmpdir", workDir.resolve("web").toString());
        test.putAll(overrides);
        conf.addAll(Configuration.fromMap(test));
        Files.write(
                confDir.resolve("config.yaml"),
                ConfigurationUtils.convertConfigToWritableLines(conf, true),
                StandardCharsets.UTF_8);
        Files.copy(flinkConf.resolve("log4j.properties"), confDir.resolve("log4j.properties"));
    }

    /** Runs Flink's BashJavaUtils as the start scripts do: JVM flags and dynamic options. */
    private static List<String> memoryParameters(String classPath, Path confDir, String command)
            throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-cp", classPath, "org.apache.flink.runtime.util.bash.BashJavaUtils"));
        cmd.addAll(List.of(command, "--configDir", confDir.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("BashJavaUtils " + command + " failed:\n" + output);
        }
        List<String> results = new ArrayList<>();
        String prefix = "BASH_JAVA_UTILS_EXEC_RESULT:";
        output.lines()
                .filter(l -> l.startsWith(prefix))
                .forEach(l -> results.add(l.substring(prefix.length())));
        if (results.size() < 2) {
            throw new IllegalStateException("Unexpected BashJavaUtils output:\n" + output);
        }
        return results;
    }

    private void stopAll() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // Shutting down: the hook stops the processes.
        }
    }
}
