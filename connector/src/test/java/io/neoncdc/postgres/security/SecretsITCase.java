package io.neoncdc.postgres.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.testutil.ChangelogJob;
import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.flink.client.program.ClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A distinctive password never shows up: not in any log line of a run (snapshot, stream, a
 * failure), not in the failure's exception chain, not in Flink's REST views of the job.
 */
class SecretsITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static final String SECRET = "Zebra-S3cr3t-4711";

    @Test
    @Timeout(180)
    void passwordNeverAppears(@InjectClusterClient ClusterClient<?> cluster) throws Exception {
        TestDatabase db = PostgresTestServer.get().createDatabase("secrets");
        db.execute(
                "CREATE TABLE t (id bigint PRIMARY KEY, v int, s text)",
                "ALTER TABLE t REPLICA IDENTITY FULL",
                "INSERT INTO t VALUES (1, 1, 'one')");
        String ddl = "CREATE TABLE t (id BIGINT, v INT, s STRING) ";
        String with =
                db.withClause("t")
                        .replace(
                                "'password' = '" + db.server().password() + "'",
                                "'password' = '" + SECRET + "'");
        try (CapturedLogs logs = new CapturedLogs()) {
            ChangelogJob job = new ChangelogJob(1, 300).start("SELECT * FROM t", ddl + with);
            job.awaitCommitted(r -> Long.valueOf(1).equals(r.getField(0)), Duration.ofSeconds(60));
            db.execute("INSERT INTO t VALUES (2, 2, 'two')");
            job.awaitCommitted(r -> Long.valueOf(2).equals(r.getField(0)), Duration.ofSeconds(60));
            String rest = cluster.getWebInterfaceURL() + "/jobs/" + job.client().getJobID();
            String views =
                    get(rest)
                            + get(rest + "/config")
                            + get(rest + "/plan")
                            + get(rest + "/exceptions");
            job.cancel();

            // A failing start (wrong database) with the same password.
            Configuration noRestart = new Configuration();
            noRestart.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
            ChangelogJob failing =
                    new ChangelogJob(1, 300, noRestart, null)
                            .start(
                                    "SELECT * FROM t",
                                    ddl
                                            + with.replace(
                                                    "'database-name' = '" + db.name() + "'",
                                                    "'database-name' = 'no_such_db'"));
            String failure = "";
            try {
                failing.client().getJobExecutionResult().get();
            } catch (Exception e) {
                failure = ExceptionUtils.stringifyException(e);
            }
            assertThat(failure).contains("no_such_db");
            assertThat(failure).doesNotContain(SECRET);
            assertThat(views).contains("Source").doesNotContain(SECRET);
            assertThat(logs.lines()).isNotEmpty().noneMatch(line -> line.contains(SECRET));
        }
    }

    private static String get(String url) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
