package io.neoncdc.postgres.faults;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Issue 13 item 10: the network goes silent under open connections (a proxy on 127.0.0.1 stops
 * forwarding without closing anything, as a dropped NAT entry does; its TCP stack still answers, so
 * TCP keepalive sees nothing) while the stream runs and writers write. The connector notices in
 * seconds (the replication stream asks the server for a reply and gets none; query connections have
 * a read timeout), reconnects, and the result is exact. Before, the stream polled a dead connection
 * and looked idle until TCP gave up (about 15 minutes).
 */
class SilentNetworkCutITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static final int ROWS = 3_000;

    @Test
    @Timeout(300)
    void streamOverASilentlyCutNetworkReconnectsWithinSecondsAndIsExact() throws Exception {
        TestDatabase db = PostgresTestServer.get().createDatabase("silent_cut");
        db.createIdTable("t", ROWS);
        // The walsender answers a reply request at once; the connector waits twice this (at
        // least 20 s) for an answer before it calls the connection dead. The default 60 s would
        // make the test wait two minutes for each cut.
        db.execute("ALTER DATABASE " + db.name() + " SET wal_sender_timeout = '5s'");
        Configuration config = new Configuration();
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 10);
        config.set(
                RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(500));
        try (TcpProxy proxy = new TcpProxy(db.server().port());
                RandomWriter writer = RandomWriter.onIds(db, "t", ROWS * 2).start(2, 17)) {
            String with =
                    db.withClause("t", "scan.snapshot.chunk.size", "500")
                            .replace(
                                    "'port' = '" + db.server().port() + "'",
                                    "'port' = '" + proxy.port() + "'");
            ChangelogJob job =
                    new ChangelogJob(1, 500, config, null)
                            .start(
                                    "SELECT * FROM t",
                                    "CREATE TABLE t (id BIGINT, v INT, s STRING) " + with);
            db.execute("INSERT INTO t VALUES (999997, -1, 'streaming')");
            job.awaitCommitted(r -> "streaming".equals(r.getField(2)), Duration.ofSeconds(120));
            for (int cut = 0; cut < 2; cut++) {
                proxy.blackholeOpen();
                long cutAt = System.nanoTime();
                String marker = "after-cut-" + cut;
                db.execute("INSERT INTO t VALUES (" + (999990 + cut) + ", -1, '" + marker + "')");
                job.awaitCommitted(r -> marker.equals(r.getField(2)), Duration.ofSeconds(120));
                long seconds = (System.nanoTime() - cutAt) / 1_000_000_000L;
                // 5 s of silence, a ping, 20 s without an answer, a reconnect, a checkpoint.
                assertThat(seconds)
                        .as("seconds until a change after cut %s arrives", cut)
                        .isLessThan(75);
            }
            writer.close();
            db.execute("INSERT INTO t VALUES (999999, -1, 'sentinel')");
            job.awaitCommitted(r -> "sentinel".equals(r.getField(2)), Duration.ofSeconds(120));
            job.cancel();
            job.assertMaterializesTo(db.queryRows("SELECT id, v, s FROM t"), 1);
        }
    }
}
