package io.neoncdc.postgres.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A missing publication, a table missing from it, and a replica identity that cannot give what the
 * changelog mode emits fail at start with the exact statement to run.
 */
@Timeout(120)
class PublicationBadInputITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static TestDatabase db;

    @BeforeAll
    static void setUp() {
        db = PostgresTestServer.get().createDatabase("bad_publication");
        db.execute(
                "CREATE TABLE published (id int PRIMARY KEY, v text)",
                "ALTER TABLE published REPLICA IDENTITY FULL",
                "CREATE TABLE unpublished (id int PRIMARY KEY, v text)",
                "ALTER TABLE unpublished REPLICA IDENTITY FULL",
                "CREATE TABLE default_identity (id int PRIMARY KEY, v text)",
                "CREATE TABLE keyless (id int, v text)",
                "CREATE PUBLICATION neon_cdc_pub FOR TABLE published, default_identity, keyless");
    }

    private static String failure(String table, String... options) throws Exception {
        return FailingJob.run(db, "id INT, v STRING", table, options).messages;
    }

    @Test
    void publicationMissing() throws Exception {
        assertThat(
                        failure(
                                "published",
                                "publication.name",
                                "no_such_pub",
                                "publication.auto-create",
                                "disabled"))
                .contains(
                        "Publication 'no_such_pub' does not exist in database '" + db.name() + "'")
                .contains(
                        "CREATE PUBLICATION \"no_such_pub\" FOR TABLE \"public\".\"published\""
                                + " WITH (publish_via_partition_root = true")
                .contains("(or set 'publication.name')");
    }

    @Test
    void slotOlderThanThePublicationItWouldNeed() throws Exception {
        db.createSlot("older_slot");
        db.execute("INSERT INTO unpublished VALUES (1000, 'written before the publication')");
        try {
            assertThat(
                            failure(
                                    "published",
                                    "slot.name",
                                    "older_slot",
                                    "publication.name",
                                    "late_pub",
                                    "scan.startup.mode",
                                    "committed-offset"))
                    .contains("Replication slot 'older_slot' is at")
                    .contains("before publication 'late_pub' existed")
                    .contains("SELECT pg_drop_replication_slot('older_slot');");
        } finally {
            db.execute("SELECT pg_drop_replication_slot('older_slot')");
        }
    }

    @Test
    void tableNotInPublication() throws Exception {
        assertThat(failure("unpublished|published"))
                .contains("Table(s) \"public\".\"unpublished\" are not in publication")
                .contains(
                        "ALTER PUBLICATION \"neon_cdc_pub\" ADD TABLE"
                                + " \"public\".\"unpublished\";");
    }

    @Test
    void replicaIdentityDefaultInStrictMode() throws Exception {
        // Without the strict mode the table's old rows come from Flink state
        // (DefaultIdentityITCase).
        assertThat(failure("default_identity", "replica-identity.require-full", "true"))
                .contains("Table public.default_identity has REPLICA IDENTITY DEFAULT")
                .contains("'replica-identity.require-full' = 'true'")
                .contains("ALTER TABLE \"public\".\"default_identity\" REPLICA IDENTITY FULL;");
    }

    @Test
    void upsertOnATableWithoutAnyKey() throws Exception {
        String messages =
                FailingJob.run(
                                db,
                                "id INT, v STRING, PRIMARY KEY (id) NOT ENFORCED",
                                "keyless",
                                "changelog-mode",
                                "upsert")
                        .messages;
        assertThat(messages)
                .contains("Table public.keyless has REPLICA IDENTITY DEFAULT and no primary key")
                .contains("ALTER TABLE \"public\".\"keyless\" REPLICA IDENTITY FULL;");
    }
}
