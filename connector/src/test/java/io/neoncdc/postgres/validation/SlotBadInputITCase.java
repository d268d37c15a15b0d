package io.neoncdc.postgres.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.PGProperty;
import org.postgresql.replication.PGReplicationStream;

/**
 * A slot held by another reader, created with another plugin, or belonging to another database
 * fails with what happened and how to fix it.
 */
@Timeout(120)
class SlotBadInputITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static TestDatabase db;
    private static TestDatabase other;

    @BeforeAll
    static void setUp() {
        db = PostgresTestServer.get().createDatabase("bad_slot");
        other = PostgresTestServer.get().createDatabase("bad_slot_other");
        db.execute(
                "CREATE TABLE t (id int PRIMARY KEY, v text)",
                "ALTER TABLE t REPLICA IDENTITY FULL",
                "CREATE PUBLICATION neon_cdc_pub FOR TABLE t");
    }

    @AfterAll
    static void dropSlots() {
        for (TestDatabase d : new TestDatabase[] {db, other}) {
            d.dropIdleSlots();
        }
    }

    private static FailingJob.Failure run(String slot, String... extra) throws Exception {
        String[] options = new String[extra.length + 4];
        options[0] = "slot.name";
        options[1] = slot;
        options[2] = "connect.timeout";
        options[3] = TIMEOUT.toSeconds() + " s";
        System.arraycopy(extra, 0, options, 4, extra.length);
        return FailingJob.run(db, "id INT, v STRING", "t", options);
    }

    @Test
    void slotInUseByAnotherReader() throws Exception {
        db.createSlot("bad_slot_busy");
        try (Connection holder = replicationConnection();
                PGReplicationStream stream = hold(holder, "bad_slot_busy")) {
            FailingJob.Failure f =
                    run(
                            "bad_slot_busy",
                            "scan.startup.mode",
                            "committed-offset",
                            "connect.max-retries",
                            "1",
                            "connect.retry-backoff",
                            "200 ms");
            // Two connection attempts of at most connect.timeout each, plus the backoff.
            f.arrivedWithin(TIMEOUT.multipliedBy(2));
            assertThat(f.messages)
                    .contains("Replication slot 'bad_slot_busy' is in use by another connection")
                    .contains("is active for PID")
                    .contains(
                            "SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots"
                                    + " WHERE slot_name = 'bad_slot_busy';")
                    .contains("give this job its own 'slot.name'");
        }
    }

    @Test
    void slotCreatedWithAnotherPlugin() throws Exception {
        db.execute("SELECT pg_create_logical_replication_slot('bad_slot_td', 'test_decoding')");
        assertThat(run("bad_slot_td").arrivedWithin(TIMEOUT).messages)
                .contains(
                        "Replication slot 'bad_slot_td' uses plugin 'test_decoding', not pgoutput")
                .contains("choose another 'slot.name'")
                .contains("SELECT pg_drop_replication_slot('bad_slot_td');");
    }

    @Test
    void slotOfAnotherDatabase() throws Exception {
        other.createSlot("bad_slot_elsewhere");
        assertThat(run("bad_slot_elsewhere").arrivedWithin(TIMEOUT).messages)
                .contains(
                        "Replication slot 'bad_slot_elsewhere' belongs to database '"
                                + other.name()
                                + "', not '"
                                + db.name()
                                + "'")
                .contains("choose another 'slot.name'");
    }

    @Test
    void specificOffsetBehindTheSlot() throws Exception {
        db.createSlot("bad_slot_behind");
        assertThat(
                        run(
                                        "bad_slot_behind",
                                        "scan.startup.mode",
                                        "specific-offset",
                                        "scan.startup.specific-offset.lsn",
                                        "0/1")
                                .arrivedWithin(TIMEOUT)
                                .messages)
                .contains("'scan.startup.specific-offset.lsn' = 0/1 is behind the confirmed")
                .contains("of slot 'bad_slot_behind'")
                .contains("or 'committed-offset'");
    }

    private static Connection replicationConnection() throws Exception {
        PostgresTestServer server = db.server();
        Properties props = new Properties();
        PGProperty.USER.set(props, server.user());
        PGProperty.PASSWORD.set(props, server.password());
        PGProperty.SSL_MODE.set(props, server.sslMode());
        PGProperty.REPLICATION.set(props, "database");
        PGProperty.PREFER_QUERY_MODE.set(props, "simple");
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(props, "10");
        return DriverManager.getConnection(server.jdbcUrl(db.name()), props);
    }

    private static PGReplicationStream hold(Connection c, String slot) throws Exception {
        return c.unwrap(PGConnection.class)
                .getReplicationAPI()
                .replicationStream()
                .logical()
                .withSlotName(slot)
                .withSlotOption("proto_version", 1)
                .withSlotOption("publication_names", "neon_cdc_pub")
                .withStatusInterval(1, TimeUnit.SECONDS)
                .start();
    }
}
