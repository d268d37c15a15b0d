package io.neoncdc.jobs.demo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * The one-command demo: neon-postgres-cdc on a local Flink MiniCluster over an embedded PostgreSQL
 * (or a Neon database named by {@code NEON_*} settings), with traffic and a live console view.
 */
public final class Demo {
    static final String LOG_FILE_PROPERTY = "demo.log.file";

    private Demo() {}

    public static void main(String[] args) {
        configureLogging();
        int code = run(args, System.getenv(), System.out);
        if (code != SIGNALLED) {
            System.exit(code);
        }
    }

    /** Returned when Ctrl-C ended the run: the JVM is already shutting down, do not exit. */
    static final int SIGNALLED = -1;

    /**
     * Runs the demo in this JVM and returns the exit code: 0 after a normal stop, 1 when it failed,
     * 2 for a usage or configuration problem.
     */
    static int run(String[] args, Map<String, String> env, PrintStream out) {
        DemoOptions options;
        ConnectionSettings external;
        try {
            options = DemoOptions.parse(args);
            if (options.help) {
                out.println(DemoOptions.USAGE);
                return 0;
            }
            external = ConnectionSettings.external(env, options.configFile).orElse(null);
        } catch (Exception e) {
            out.println(e.getMessage());
            out.println();
            out.println(DemoOptions.USAGE);
            return 2;
        }
        DemoRun run = new DemoRun(options, external, out);
        Thread hook = new Thread(() -> stopOnSignal(run), "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        int code;
        try {
            code = run.run();
        } catch (Exception e) {
            out.println("The demo failed: " + e);
            String log = System.getProperty(LOG_FILE_PROPERTY);
            out.println(log == null ? "" : "Details: " + log);
            code = 1;
        }
        // The hook cannot be removed while it runs: then Ctrl-C ended the run.
        return removeHook(hook) ? code : SIGNALLED;
    }

    /** Ctrl-C (or SIGTERM): stop the run and keep the JVM alive until it has cleaned up. */
    private static void stopOnSignal(DemoRun run) {
        run.signalStop();
        try {
            run.awaitClosed(Duration.ofSeconds(90));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** False when the JVM is already shutting down (the hook is running). */
    private static boolean removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** Logs go to a file, so they never mix with the live view. */
    private static void configureLogging() {
        // Log4j's own status messages (e.g. about Flink's log calls) would land on the console.
        System.setProperty("log4j2.statusLoggerLevel", "OFF");
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "log4j2-demo.xml");
        }
        if (System.getProperty(LOG_FILE_PROPERTY) == null) {
            Path log = Path.of(System.getProperty("java.io.tmpdir"), "neon-postgres-cdc-demo.log");
            System.setProperty(LOG_FILE_PROPERTY, log.toString());
        }
        // Initialise SLF4J here, before any other thread logs: when two threads (the planner and
        // the embedded PostgreSQL start) make the first logging calls at once, SLF4J hands out
        // substitute loggers and prints a dozen lines about them to the console.
        LoggerFactory.getILoggerFactory();
    }
}
