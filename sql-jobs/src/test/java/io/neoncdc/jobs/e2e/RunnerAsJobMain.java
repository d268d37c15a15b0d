package io.neoncdc.jobs.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.jobs.runner.SqlRunner;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The SQL runner as a job's main class run by Flink ({@code flink run -c SqlRunner}), a step of
 * {@link SqlJobsOnClusterITCase}.
 */
final class RunnerAsJobMain {
    private static final Path RUNNER_JAR =
            FlinkSessionCluster.BUILD.resolve("neon-postgres-cdc-sql-jobs-runner.jar");

    private RunnerAsJobMain() {}

    /**
     * The runner as a job's main class run by Flink ({@code flink run -c SqlRunner}; application
     * mode under the Kubernetes operator runs it in the same kind of environment), with the runner
     * jar alone as user code, as the image in docs/cluster.md has it: the job runs on the cluster,
     * and a runner stopped by SIGTERM (a JobManager pod going away) leaves it running, for HA to
     * recover, instead of cancelling it; the job keeps printing every change once.
     */
    static void leavesItsJobRunning(
            FlinkSessionCluster cluster,
            Await await,
            TestDatabase db,
            Map<String, String> vars,
            Path work,
            Path sql,
            String ordersSql)
            throws Exception {
        // The first print job writes "orders>" lines to the same stdout: stop it, read after it.
        String first = cluster.rest().job("print_orders").orElseThrow().path("jid").asText();
        cluster.rest().cancel(first);
        await.until(
                "the first print job cancelled",
                null,
                () -> cluster.rest().get("/jobs/" + first).path("state").asText(),
                "CANCELED"::equals);
        ClusterProcess tm = cluster.taskManager();
        int offset = tm.stdout().length();
        // usrlib/ without the build's lib/ next to it: the manifest's class path finds nothing.
        Path usrlib = Files.createDirectories(work.resolve("usrlib"));
        Path runnerJar =
                Files.copy(RUNNER_JAR, usrlib.resolve("neon-postgres-cdc-sql-jobs-runner.jar"));
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "run",
                                "-c",
                                SqlRunner.class.getName(),
                                runnerJar.toString(),
                                "--set",
                                "parallelism.default=1"));
        vars.forEach(
                (k, v) ->
                        args.addAll(
                                List.of(
                                        "--var",
                                        k + "=" + (k.equals("SLOT_PREFIX") ? v + "_cli" : v))));
        args.add(sql.resolve("00-source-tables.sql").toString());
        args.add(sql.resolve("10-print.sql").toString());
        ClusterProcess client =
                cluster.startClient("flink-run", "org.apache.flink.client.cli.CliFrontend", args);
        String jobId;
        try {
            Pattern submitted = Pattern.compile("    job ([0-9a-f]{32})");
            jobId =
                    await.until(
                            "the job submitted by flink run",
                            null,
                            () -> {
                                if (!client.isAlive()) {
                                    throw new AssertionError(
                                            "flink run exited:\n" + client.tail(80));
                                }
                                Matcher m = submitted.matcher(client.stdout());
                                return m.find() ? m.group(1) : null;
                            },
                            id -> true);
            await.until(
                    "the flink run job running",
                    jobId,
                    () -> cluster.rest().get("/jobs/" + jobId).path("state").asText(),
                    "RUNNING"::equals);
            await.until(
                    "the runner waiting for its job on the cluster",
                    jobId,
                    client::stdout,
                    out -> out.contains("Running 1 job(s) on the cluster"));
            assertThat(client.isAlive()).as("the runner waits for its job").isTrue();
        } finally {
            client.close(); // SIGTERM, as a pod going away
        }
        assertThat(client.exitValue()).as("stopped by SIGTERM, not by a failure").isEqualTo(143);
        // A runner that cancelled its jobs on the way out would have done so before it exited.
        assertThat(cluster.rest().get("/jobs/" + jobId).path("state").asText())
                .as("the job after its runner got SIGTERM:\n%s", client.tail(40))
                .isEqualTo("RUNNING");
        List<String> snapshot =
                db.queryRows(ordersSql).stream()
                        .map(row -> "orders> +I[" + row + ", r, null]")
                        .collect(Collectors.toList());
        await.until(
                "the snapshot printed by the flink run job",
                jobId,
                () -> printedAfter(tm, offset),
                out -> out.containsAll(snapshot));
        db.execute(
                "INSERT INTO shop.orders (id, customer_id, status, total)"
                        + " VALUES (107, 1, 'placed', 9.00)");
        String insert = "orders> +I[107, 1, placed, 9.00, c, ";
        List<String> printed =
                await.until(
                        "the insert printed after the runner stopped",
                        jobId,
                        () -> printedAfter(tm, offset),
                        out -> out.stream().anyMatch(l -> l.startsWith(insert)));
        // Exactly once: every snapshot row and the insert, nothing else, nothing twice.
        List<String> expected = new ArrayList<>(snapshot);
        expected.add(printed.stream().filter(l -> l.startsWith(insert)).findFirst().get());
        assertThat(printed).containsExactlyInAnyOrderElementsOf(expected);
        cluster.rest().cancel(jobId);
        await.until(
                "the flink run job cancelled",
                null,
                () -> cluster.rest().get("/jobs/" + jobId).path("state").asText(),
                "CANCELED"::equals);
    }

    /** The print connector's lines on the TaskManager's stdout after {@code offset}. */
    private static List<String> printedAfter(ClusterProcess tm, int offset) throws Exception {
        return tm.stdout()
                .substring(offset)
                .lines()
                .filter(l -> l.startsWith("orders> "))
                .collect(Collectors.toList());
    }
}
