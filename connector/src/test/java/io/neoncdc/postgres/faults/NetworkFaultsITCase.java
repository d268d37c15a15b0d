package io.neoncdc.postgres.faults;

import io.neoncdc.postgres.testutil.ChangelogJob;
import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.RandomWriter;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The network between connector and server is cut and stalled (a TCP proxy on 127.0.0.1) during the
 * snapshot and while streaming, with concurrent writers: nothing lost, nothing twice.
 */
class NetworkFaultsITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static final int ROWS = 5_000;

    @Test
    @Timeout(240)
    void connectionsCutAndStalled() throws Exception {
        TestDatabase db = PostgresTestServer.get().createDatabase("fault_network");
        db.createIdTable("t", ROWS);
        Configuration config = new Configuration();
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 20);
        config.set(
                RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(500));
        try (TcpProxy proxy = new TcpProxy(db.server().port());
                RandomWriter writer = RandomWriter.onIds(db, "t", ROWS * 2).start(2, 3)) {
            String with =
                    db.withClause(
                                    "t",
                                    "scan.snapshot.chunk.size",
                                    "200",
                                    "connect.max-retries",
                                    "10",
                                    "connect.retry-backoff",
                                    "200 ms")
                            .replace(
                                    "'port' = '" + db.server().port() + "'",
                                    "'port' = '" + proxy.port() + "'");
            ChangelogJob job =
                    new ChangelogJob(1, 300, config, null)
                            .start(
                                    "SELECT * FROM t",
                                    "CREATE TABLE t (id BIGINT, v INT, s STRING) " + with);
            for (int i = 0; i < 4; i++) {
                Thread.sleep(1500);
                if (i % 2 == 0) {
                    proxy.cutAll();
                } else {
                    proxy.stall();
                    Thread.sleep(2000);
                    proxy.resume();
                }
            }
            Thread.sleep(2000);
            writer.close();
            db.execute("INSERT INTO t VALUES (999999, -1, 'sentinel')");
            job.awaitCommitted(r -> "sentinel".equals(r.getField(2)), Duration.ofSeconds(150));
            job.cancel();
            job.assertMaterializesTo(db.queryRows("SELECT id, v, s FROM t"), 1);
        }
    }
}
