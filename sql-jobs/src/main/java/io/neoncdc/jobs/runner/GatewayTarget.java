package io.neoncdc.jobs.runner;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the statements on a Flink cluster through its SQL gateway, in one session: the connector jar
 * is added with {@code ADD JAR} first (the gateway ships it with every job), INSERT jobs keep
 * running on the cluster after the runner exits.
 */
final class GatewayTarget implements SqlTarget {
    /** How long a non-query statement may take (an INSERT's planning and submission included). */
    private static final Duration STATEMENT_TIMEOUT = Duration.ofMinutes(5);

    private final GatewayClient client;
    private final ResultPrinter printer;
    private final PrintStream out;
    private final List<String> jobIds = new ArrayList<>();
    private volatile String openQuery;

    private GatewayTarget(GatewayClient client, PrintStream out) {
        this.client = client;
        this.printer = new ResultPrinter(out);
        this.out = out;
    }

    /**
     * Opens a session with {@code flinkOptions} and, when {@code jar} is set, adds it with {@code
     * ADD JAR} ({@code jar} is a path on the gateway's machine).
     */
    static GatewayTarget open(
            URI gateway, Map<String, String> flinkOptions, String jar, PrintStream out)
            throws Exception {
        GatewayTarget target = new GatewayTarget(new GatewayClient(gateway), out);
        try {
            target.client.openSession(flinkOptions);
            flinkOptions.forEach((k, v) -> out.println("SET '" + k + "' = '" + v + "'"));
            if (jar != null) {
                out.println("ADD JAR '" + jar + "'");
                String addJar = "ADD JAR '" + jar.replace("'", "''") + "'";
                target.execute(new SqlStatement(addJar, "--jar", 1), null);
            }
            return target;
        } catch (Exception e) {
            target.close();
            throw e;
        }
    }

    @Override
    public void execute(SqlStatement statement, Instant deadline) throws Exception {
        String uri = client.submit(statement.text());
        boolean query = statement.kind() == SqlStatement.Kind.QUERY;
        Instant giveUp = query ? deadline : Instant.now().plus(STATEMENT_TIMEOUT);
        boolean headerPrinted = false;
        long pause = 50;
        while (uri != null) {
            if (giveUp != null && Instant.now().isAfter(giveUp)) {
                client.closeOperation(uri);
                if (!query) {
                    throw new IOException("No answer within " + STATEMENT_TIMEOUT);
                }
                return;
            }
            openQuery = query ? uri : null;
            GatewayResult page = client.fetch(uri);
            if ("NOT_READY".equals(page.type())) {
                Thread.sleep(pause);
                pause = Math.min(1000, pause * 2);
                continue;
            }
            pause = 50;
            if ("EOS".equals(page.type())) {
                break;
            }
            if (page.jobId() != null && !jobIds.contains(page.jobId()) && !query) {
                jobIds.add(page.jobId());
                out.println("    job " + page.jobId());
            }
            boolean show = page.isQuery() || "SUCCESS_WITH_CONTENT".equals(page.kind());
            if (show && statement.kind() != SqlStatement.Kind.JOB) {
                if (!headerPrinted) {
                    printer.header(page.columns());
                    headerPrinted = true;
                }
                page.rows().forEach(r -> printer.row(r.get(0), r.subList(1, r.size())));
            }
            uri = page.next();
        }
        openQuery = null;
    }

    @Override
    public boolean finish(Instant deadline) {
        if (!jobIds.isEmpty()) {
            out.println(
                    jobIds.size()
                            + " job(s) submitted; they keep running on the cluster (see its web UI"
                            + " or REST API: /jobs/<id>).");
        }
        return true;
    }

    @Override
    public void close() {
        try {
            String query = openQuery;
            if (query != null) {
                client.closeOperation(query);
            }
            client.closeSession();
        } catch (IOException e) {
            out.println("Closing the SQL gateway session failed: " + e.getMessage());
        }
    }
}
