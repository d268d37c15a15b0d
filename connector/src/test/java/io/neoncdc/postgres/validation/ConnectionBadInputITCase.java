package io.neoncdc.postgres.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.time.Duration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Wrong credentials, hosts, ports, databases and TLS settings fail the job fast and clearly. */
@Timeout(120)
class ConnectionBadInputITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static TestDatabase db;

    @BeforeAll
    static void setUp() {
        db = PostgresTestServer.get().createDatabase("bad_connection");
        db.execute(
                "CREATE TABLE t (id int PRIMARY KEY, v text)",
                "ALTER TABLE t REPLICA IDENTITY FULL",
                "CREATE PUBLICATION neon_cdc_pub FOR TABLE t");
        PasswordRoles.ensureRole(db, "bad_pw_user", "right-password");
    }

    private static FailingJob.Failure run(String... options) throws Exception {
        String[] all = new String[options.length + 2];
        all[0] = "connect.timeout";
        all[1] = TIMEOUT.toSeconds() + " s";
        System.arraycopy(options, 0, all, 2, options.length);
        return FailingJob.run(db, "id INT, v STRING", "t", all).arrivedWithin(TIMEOUT);
    }

    @Test
    void wrongPassword() throws Exception {
        String secret = "Wr0ng-Pa55word-7f3c";
        FailingJob.Failure f = run("username", "bad_pw_user", "password", secret);
        assertThat(f.messages)
                .contains("authentication failed for role 'bad_pw_user'")
                .contains("check 'username' and 'password'")
                .doesNotContain(secret);
    }

    @Test
    void unknownHost() throws Exception {
        assertThat(run("hostname", "no-such-host.invalid").messages)
                .contains("unknown host 'no-such-host.invalid': check 'hostname'");
    }

    @Test
    void nothingListeningOnThePort() throws Exception {
        int port = PostgresTestServer.freePort();
        assertThat(run("hostname", "127.0.0.1", "port", String.valueOf(port)).messages)
                .contains("nothing accepts connections on 127.0.0.1:" + port)
                .contains("check 'hostname' and 'port'");
    }

    @Test
    void serverThatNeverAnswersTimesOutWithinConnectTimeout() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            assertThat(run("hostname", "127.0.0.1", "port", String.valueOf(silent.port())).messages)
                    .contains("cannot reach 127.0.0.1:" + silent.port())
                    .contains("within 'connect.timeout' = PT5S")
                    .contains("check 'hostname', 'port' and the network");
        }
    }

    @Test
    void databaseDoesNotExist() throws Exception {
        assertThat(run("database-name", "no_such_database").messages)
                .contains("database 'no_such_database' does not exist: check 'database-name'");
    }

    @Test
    void tlsRequiredByDefaultButServerHasNone() throws Exception {
        PasswordRoles.assumeServerWithoutTls(db);
        assertThat(run("ssl.mode", "require").messages)
                .contains("the server does not accept TLS but 'ssl.mode' = 'require'")
                .contains("set 'ssl.mode' = 'disable'");
    }
}
