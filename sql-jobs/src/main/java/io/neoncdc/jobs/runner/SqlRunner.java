package io.neoncdc.jobs.runner;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs SQL files: on a local MiniCluster, or on a running Flink cluster through its SQL gateway
 * with the shaded connector jar added by {@code ADD JAR}. See {@link RunnerOptions#USAGE}.
 */
public final class SqlRunner {
    private SqlRunner() {}

    public static void main(String[] args) {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "log4j2-runner.xml");
        }
        if (System.getProperty("runner.log.file") == null) {
            Path log =
                    Path.of(System.getProperty("java.io.tmpdir"), "neon-postgres-cdc-runner.log");
            System.setProperty("runner.log.file", log.toString());
        }
        int code = run(args, System.getenv(), System.out);
        if (LocalTarget.runByCluster()) {
            // A cluster's job main (flink run, application mode): System.exit would end the JVM
            // that runs it, in application mode the JobManager with the jobs; Flink reports a
            // failure thrown to it instead.
            if (code != 0) {
                throw new IllegalStateException(
                        "The SQL runner failed with exit code " + code + " (see its output)");
            }
            return;
        }
        System.exit(code);
    }

    /**
     * Runs in this JVM and returns the exit code: 0 when every statement ran (and local jobs ended
     * or were stopped at {@code --duration}), 1 when a statement or job failed, 2 for a usage
     * problem.
     */
    public static int run(String[] args, Map<String, String> env, PrintStream out) {
        RunnerOptions options;
        List<SqlStatement> statements;
        try {
            options = RunnerOptions.parse(args);
            if (options.help) {
                out.println(RunnerOptions.USAGE);
                return 0;
            }
            statements = new Variables(options.variables, env).substitute(read(options.files));
        } catch (IllegalArgumentException | IOException e) {
            out.println(e.getMessage());
            out.println();
            out.println(RunnerOptions.USAGE);
            return 2;
        }
        if (options.dryRun) {
            statements.forEach(s -> out.println("-- " + s.position() + "\n" + s.masked() + ";\n"));
            return 0;
        }
        Instant deadline = options.duration == null ? null : Instant.now().plus(options.duration);
        out.println("Running " + statements.size() + " statements on " + options.target());
        try (SqlTarget target = open(options, out)) {
            Thread hook = new Thread(target::close, "sql-runner-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                return runAll(statements, target, deadline, out);
            } finally {
                removeHook(hook);
            }
        } catch (Exception e) {
            out.println("Cannot use " + options.target() + ": " + mask(e));
            return 1;
        }
    }

    private static int runAll(
            List<SqlStatement> statements, SqlTarget target, Instant deadline, PrintStream out)
            throws Exception {
        int n = 0;
        for (SqlStatement statement : statements) {
            out.printf(
                    "[%d/%d] %s  %s%n",
                    ++n, statements.size(), statement.position(), statement.summary());
            try {
                target.execute(statement, deadline);
            } catch (Exception e) {
                out.println("FAILED at " + statement.position() + ": " + mask(e));
                return 1;
            }
        }
        return target.finish(deadline) ? 0 : 1;
    }

    private static SqlTarget open(RunnerOptions options, PrintStream out) throws Exception {
        return options.gateway == null
                ? new LocalTarget(options.flinkOptions, out)
                : GatewayTarget.open(options.gateway, options.flinkOptions, options.jar, out);
    }

    private static List<SqlStatement> read(List<Path> files) throws IOException {
        List<SqlStatement> statements = new ArrayList<>();
        for (Path file : files) {
            String sql = Files.readString(file, StandardCharsets.UTF_8);
            statements.addAll(SqlScript.split(sql, file.getFileName().toString()));
        }
        return statements;
    }

    private static String mask(Exception e) {
        return SqlStatement.mask(Failures.describe(e));
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down: the hook closes the target.
        }
    }
}
