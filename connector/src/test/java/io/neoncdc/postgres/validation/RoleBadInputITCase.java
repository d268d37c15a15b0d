package io.neoncdc.postgres.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.time.Duration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Roles without the REPLICATION attribute or without SELECT fail with the GRANT/ALTER to run. */
@Timeout(120)
class RoleBadInputITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static TestDatabase db;

    @BeforeAll
    static void setUp() {
        db = PostgresTestServer.get().createDatabase("bad_role");
        db.execute(
                "CREATE TABLE t (id int PRIMARY KEY, v text)",
                "ALTER TABLE t REPLICA IDENTITY FULL",
                "CREATE PUBLICATION neon_cdc_pub FOR TABLE t",
                PasswordRoles.createRole("bad_role_norepl", "LOGIN NOREPLICATION PASSWORD 'pw'"),
                "GRANT SELECT ON t TO bad_role_norepl",
                PasswordRoles.createRole("bad_role_noselect", "LOGIN REPLICATION PASSWORD 'pw'"));
    }

    @AfterAll
    static void dropSlots() {
        db.dropIdleSlots();
    }

    private static String failure(String user, String... extra) throws Exception {
        String[] options = new String[extra.length + 6];
        options[0] = "username";
        options[1] = user;
        options[2] = "password";
        options[3] = "pw";
        options[4] = "connect.timeout";
        options[5] = "5 s";
        System.arraycopy(extra, 0, options, 6, extra.length);
        return FailingJob.run(db, "id INT, v STRING", "t", options).arrivedWithin(TIMEOUT).messages;
    }

    @Test
    void roleWithoutReplicationCannotCreateTheSlot() throws Exception {
        assertThat(failure("bad_role_norepl", "slot.name", "bad_role_fresh"))
                .contains("Cannot create replication slot 'bad_role_fresh'")
                .contains("role 'bad_role_norepl' lacks the REPLICATION attribute")
                .contains("ALTER ROLE \"bad_role_norepl\" WITH REPLICATION;");
    }

    @Test
    void roleWithoutReplicationCannotStreamFromAnExistingSlot() throws Exception {
        db.createSlot("bad_role_existing");
        assertThat(
                        failure(
                                "bad_role_norepl",
                                "slot.name",
                                "bad_role_existing",
                                "scan.startup.mode",
                                "committed-offset"))
                .contains("Role 'bad_role_norepl' may not stream from replication slot")
                .contains("lacks the REPLICATION attribute")
                .contains("ALTER ROLE \"bad_role_norepl\" WITH REPLICATION;");
    }

    @Test
    void roleWithoutSelectOnTheTable() throws Exception {
        assertThat(failure("bad_role_noselect", "slot.name", "bad_role_noselect_slot"))
                .contains("Role 'bad_role_noselect' may not read table(s) \"public\".\"t\"")
                .contains("GRANT SELECT ON \"public\".\"t\" TO \"bad_role_noselect\";");
        assertThat(
                        db.queryValue(
                                "SELECT count(*) FROM pg_replication_slots"
                                        + " WHERE slot_name = 'bad_role_noselect_slot'"))
                .as("the check runs before the slot is created")
                .isEqualTo("0");
    }
}
