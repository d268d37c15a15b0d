package io.neoncdc.postgres.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.neoncdc.postgres.testutil.Changelog;
import io.neoncdc.postgres.testutil.ChangelogJob;
import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A keyless table with the default REPLICA IDENTITY starts with the default options (PostgreSQL
 * rejects its UPDATE and DELETE while it is published, so nothing can be lost) and is captured
 * exactly as a multiset of rows, duplicates included, with inserts running during the snapshot.
 */
class KeylessTableITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @Test
    @Timeout(240)
    void insertOnlyKeylessTableIsExactAsAMultiset() throws Exception {
        TestDatabase db = PostgresTestServer.get().createDatabase("keyless_default");
        db.execute(
                "CREATE TABLE log (n int, s text)",
                "INSERT INTO log SELECT g % 500, 'seed' || (g % 7) FROM generate_series(1, 20000)"
                        + " g",
                "ANALYZE log");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong inserted = new AtomicLong();
        Thread writer =
                new Thread(
                        () -> {
                            try (Connection c = db.connect();
                                    PreparedStatement ps =
                                            c.prepareStatement("INSERT INTO log VALUES (?, ?)")) {
                                for (int i = 0; !stop.get(); i++) {
                                    ps.setInt(1, i % 50);
                                    ps.setString(2, "w" + (i % 3));
                                    ps.executeUpdate();
                                    inserted.incrementAndGet();
                                }
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        });
        writer.start();
        ChangelogJob job = new ChangelogJob(2, 200);
        job.start(
                "SELECT * FROM log",
                "CREATE TABLE log (n INT, s STRING) "
                        + db.withClause("log", "scan.snapshot.chunk.size", "2000"));
        job.awaitCommitted(r -> "w0".equals(r.getField(1)), Duration.ofSeconds(120));
        long target = inserted.get() + 500;
        while (inserted.get() < target) {
            Thread.sleep(20);
        }
        stop.set(true);
        writer.join();
        assertThatThrownBy(() -> db.execute("UPDATE log SET s = 'x' WHERE n = 1"))
                .as("PostgreSQL's own rule: no UPDATE without a replica identity")
                .hasMessageContaining("does not have a replica identity");
        db.execute("INSERT INTO log VALUES (-1, 'sentinel')");
        job.awaitCommitted(r -> "sentinel".equals(r.getField(1)), Duration.ofSeconds(120));
        job.cancel();

        Map<String, Integer> expected = new TreeMap<>();
        for (String r : db.queryRows("SELECT n, s FROM log")) {
            expected.merge("+I[" + r + "]", 1, Integer::sum);
        }
        assertThat(Changelog.applyMultiset(job.committed())).isEqualTo(expected);
        assertThat(job.committed()).hasSize(20_000 + (int) inserted.get() + 1);
    }
}
