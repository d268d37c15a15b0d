package io.neoncdc.jobs.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The JVM of one measured path (started by {@link Worker}): its own Flink MiniCluster, so the JIT
 * compiles and profiles only this path's code, as in a TaskManager that runs only this job. Reads
 * one command per line on stdin and answers each with one line {@code @bench ok key=value …} or
 * {@code @bench error <message>} on stdout; see {@link PathRuns} for the commands.
 */
public final class BenchWorker {
    static final String PASSWORD_ENV = "BENCH_PGPASSWORD";
    static final String PREFIX = "@bench ";

    private BenchWorker() {}

    /** {@code name host port user database sslmode}; the password comes from the environment. */
    public static void main(String[] args) throws Exception {
        BenchLogging.configure(
                Path.of(System.getProperty("java.io.tmpdir"), "bench-worker-" + args[0] + ".log"));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        // Anything else printing to stdout must not be taken for an answer.
        System.setOut(new PrintStream(System.err, true, StandardCharsets.UTF_8));
        BenchServer server =
                BenchServer.of(
                        args[1],
                        Integer.parseInt(args[2]),
                        args[3],
                        System.getenv().getOrDefault(PASSWORD_ENV, ""),
                        args[4],
                        args[5]);
        int code = 0;
        try (HeapWatch life = HeapWatch.start();
                BenchCluster cluster = BenchCluster.start()) {
            PathRuns runs = new PathRuns(server, cluster, life);
            out.println(PREFIX + "ok ready");
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !line.equals("quit")) {
                String[] command = line.trim().split(" ");
                try {
                    out.println(PREFIX + "ok " + runs.run(command));
                } catch (Throwable t) {
                    String message = String.valueOf(t).replace('\n', ' ');
                    Throwable root = t;
                    while (root.getCause() != null && root.getCause() != root) {
                        root = root.getCause();
                    }
                    if (root != t) {
                        message += " (cause: " + String.valueOf(root).replace('\n', ' ') + ")";
                    }
                    System.err.println("Command failed: " + Arrays.toString(command));
                    t.printStackTrace();
                    out.println(PREFIX + "error " + message);
                }
            }
        } catch (Throwable t) {
            t.printStackTrace();
            out.println(PREFIX + "error " + String.valueOf(t).replace('\n', ' '));
            code = 1;
        }
        out.flush();
        System.exit(code);
    }
}
