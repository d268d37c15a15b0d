package io.neoncdc.postgres.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.catalog.SlotInfo;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/**
 * Checklist items that the shared test server cannot produce (its {@code wal_level} is fixed, its
 * slots are healthy), rendered from the facts; and the checklist's layout and fix script.
 */
class ChecklistTest {

    @Test
    void walLevelOtherThanLogicalFailsWithTheNeonConsoleStep() {
        Check replica = ServerChecks.walLevel("replica");
        assertThat(replica.status()).isEqualTo(Check.Status.FAIL);
        assertThat(replica.detail())
                .contains("wal_level = 'replica'")
                .contains("enable logical replication in the Neon console")
                .contains("or set wal_level = logical and restart PostgreSQL");
        assertThat(ServerChecks.walLevel("logical").status()).isEqualTo(Check.Status.OK);
        assertThat(print(new Checklist().add(replica)))
                .startsWith("[FAIL] wal_level: The server runs with wal_level = 'replica'")
                .contains("\n       ")
                .contains("1 failed, 0 warning(s), 0 OK");
    }

    @Test
    void oldServersAreRefusedOrWarned() {
        assertThat(ServerChecks.version("9.6.24", 90624).status()).isEqualTo(Check.Status.FAIL);
        assertThat(ServerChecks.version("12.18", 120018).status()).isEqualTo(Check.Status.WARN);
        assertThat(ServerChecks.version("17.2", 170002).detail())
                .isEqualTo("PostgreSQL 17.2 (server_version_num 170002)");
    }

    @Test
    void roleWithoutReplicationGetsTheAlterRole() {
        Check c = ServerChecks.replication("cdc", false, false);
        assertThat(c.status()).isEqualTo(Check.Status.FAIL);
        assertThat(c.fixes()).containsExactly("ALTER ROLE \"cdc\" WITH REPLICATION;");
        assertThat(ServerChecks.replication("admin", false, true).detail())
                .contains("is a superuser");
    }

    @Test
    void tlsOnNeonWithoutCertificateCheckWarns() {
        ServerChecks neon =
                new ServerChecks(
                        config("ep-cool-name-123.eu-central-1.aws.neon.tech", "require"), null);
        assertThat(neon.tls(true, "TLSv1.3", "TLS_AES_256_GCM_SHA384").status())
                .isEqualTo(Check.Status.WARN);
        assertThat(neon.tls(false, null, null).status()).isEqualTo(Check.Status.FAIL);
        ServerChecks verified = new ServerChecks(config("ep-x.aws.neon.tech", "verify-full"), null);
        assertThat(verified.tls(true, "TLSv1.3", "TLS_AES_256_GCM_SHA384").detail())
                .isEqualTo("in use: TLSv1.3 TLS_AES_256_GCM_SHA384 ('ssl.mode' = 'verify-full')");
        ServerChecks local = new ServerChecks(config("db.internal", "disable"), null);
        assertThat(local.tls(false, null, null).status()).isEqualTo(Check.Status.OK);
        ServerChecks prefer = new ServerChecks(config("db.internal", "prefer"), null);
        assertThat(prefer.tls(false, null, null).status()).isEqualTo(Check.Status.WARN);
    }

    @Test
    void slotStateVerdicts() {
        SlotInfo lost = slot("lost", false);
        Check c = SlotStatus.verdict("Slot s", lost, null, 5L << 30, null);
        assertThat(c.status()).isEqualTo(Check.Status.FAIL);
        assertThat(c.fixes()).containsExactly("SELECT pg_drop_replication_slot('s');");
        assertThat(SlotStatus.verdict("Slot s", slot("unreserved", false), null, 0, -1L).status())
                .isEqualTo(Check.Status.WARN);
        assertThat(
                        SlotStatus.verdict("Slot s", slot("reserved", false), null, 2L << 30, null)
                                .status())
                .isEqualTo(Check.Status.WARN);
        Check ok = SlotStatus.verdict("Slot s", slot("reserved", false), null, 1536, 3L << 30);
        assertThat(ok.status()).isEqualTo(Check.Status.OK);
        assertThat(ok.detail())
                .isEqualTo(
                        "pgoutput, inactive, confirmed 0/16B3748, lag 1536 bytes (1.5"
                                + " KiB), wal_status reserved, safe_wal_size 3221225472 bytes"
                                + " (3.0 GiB)");
        Check busy =
                SlotStatus.verdict(
                        "Slot s",
                        slot("reserved", true),
                        4242,
                        "application_name 'old-job' from 10.1.2.3",
                        1536,
                        3L << 30);
        assertThat(busy.status()).isEqualTo(Check.Status.FAIL);
        assertThat(busy.detail())
                .startsWith("pgoutput, active (PID 4242), confirmed 0/16B3748")
                .contains(
                        "another connection is reading this slot (application_name 'old-job'"
                                + " from 10.1.2.3), so a job started now fails with"
                                + " 'replication slot \"s\" is active for PID 4242'");
    }

    @Test
    void fixesOfAllFailuresAreCollectedOnceAtTheEnd() {
        Checklist list =
                new Checklist()
                        .add(Check.ok("Connection", "connected as cdc"))
                        .add(ServerChecks.replication("cdc", false, false))
                        .add(
                                Check.fail(
                                        "Replica identity public.t",
                                        "Table public.t has REPLICA IDENTITY DEFAULT, ... Run:"
                                                + " ALTER TABLE \"public\".\"t\" REPLICA IDENTITY"
                                                + " FULL; (or use 'changelog-mode' = 'upsert')"))
                        .add(Check.warn("TLS", "not verified; ALTER ROLE x;"))
                        .add(ServerChecks.replication("cdc", false, false));
        String out = print(list);
        assertThat(list.exitCode()).isEqualTo(1);
        assertThat(out)
                .contains("[OK]   Connection: connected as cdc\n")
                .contains("3 failed, 1 warning(s), 1 OK")
                .endsWith(
                        "To fix the failures, run as the owner of the tables (on Neon: the"
                                + " database owner role):\n"
                                + "  ALTER ROLE \"cdc\" WITH REPLICATION;\n"
                                + "  ALTER TABLE \"public\".\"t\" REPLICA IDENTITY FULL;\n");
        assertThat(new Checklist().add(Check.warn("a", "b")).exitCode()).isZero();
    }

    @Test
    void longDetailsWrapUnderTheName() {
        String wrapped = Checklist.wrap("[OK]   Name: " + "word ".repeat(40).trim());
        for (String line : wrapped.split("\n")) {
            assertThat(line.length()).isLessThanOrEqualTo(100);
        }
        assertThat(wrapped.split("\n")[1]).startsWith("       word");
    }

    private static SlotInfo slot(String walStatus, boolean active) {
        return new SlotInfo("s", "pgoutput", "shop", active, 0x16B3748L, 0x16B0000L, walStatus);
    }

    private static NeonPostgresSourceConfig config(String host, String sslMode) {
        return NeonPostgresSourceConfig.fromOptions(
                        Configuration.fromMap(
                                Map.of(
                                        "hostname", host,
                                        "username", "cdc",
                                        "database-name", "shop",
                                        "table-name", "t",
                                        "ssl.mode", sslMode)))
                .build();
    }

    private static String print(Checklist list) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        list.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
