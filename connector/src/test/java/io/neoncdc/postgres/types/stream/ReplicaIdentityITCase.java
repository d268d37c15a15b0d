package io.neoncdc.postgres.types.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * REPLICA IDENTITY (DEFAULT, USING INDEX, FULL, NOTHING; per leaf partition) checked at start
 * against the changelog mode, the declared primary key and the strict mode, with the ALTER
 * statement to run; old rows of DEFAULT leaves come from state.
 */
@Timeout(180)
class ReplicaIdentityITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static TestDatabase db;

    @BeforeAll
    static void setUp() {
        db = PostgresTestServer.get().createDatabase("replica_identity");
        db.execute(
                "CREATE TABLE by_index (id int PRIMARY KEY, code text NOT NULL UNIQUE, v int)",
                "ALTER TABLE by_index REPLICA IDENTITY USING INDEX by_index_code_key",
                "CREATE TABLE other_key (id int PRIMARY KEY, code text NOT NULL UNIQUE, v int)",
                "CREATE TABLE no_index (id int PRIMARY KEY, code text, v int)",
                "CREATE TABLE nothing (id int PRIMARY KEY, code text, v int)",
                "ALTER TABLE nothing REPLICA IDENTITY NOTHING",
                "CREATE TABLE parts (id int PRIMARY KEY, code text, v int) PARTITION BY RANGE (id)",
                "CREATE TABLE parts_1 PARTITION OF parts FOR VALUES FROM (0) TO (100)",
                "CREATE TABLE parts_2 PARTITION OF parts FOR VALUES FROM (100) TO (200)",
                "ALTER TABLE parts_1 REPLICA IDENTITY FULL",
                "INSERT INTO parts VALUES (50, 'a', 1), (150, 'b', 1)",
                "CREATE PUBLICATION neon_cdc_pub FOR ALL TABLES"
                        + " WITH (publish_via_partition_root = true)",
                "INSERT INTO by_index VALUES (1, 'a', 1), (2, 'b', 2)");
    }

    private static String start(String table, String key, String... options) throws Exception {
        String[] all = new String[options.length + 2];
        all[0] = "slot.name";
        all[1] = table;
        System.arraycopy(options, 0, all, 2, options.length);
        String ddl =
                "CREATE TABLE t (id INT, code STRING, v INT"
                        + (key == null ? "" : ", PRIMARY KEY (" + key + ") NOT ENFORCED")
                        + ") "
                        + db.withClause(table, all);
        return SqlChanges.messages(
                new SqlChanges(ddl).failure("SELECT * FROM t", r -> true, () -> {}));
    }

    @Test
    void strictModeNeedsFullOnEveryLeafPartition() throws Exception {
        assertThat(start("parts", null, "replica-identity.require-full", "true"))
                .contains(
                        "Partition public.parts_2 of partitioned table public.parts has REPLICA"
                                + " IDENTITY DEFAULT")
                .contains("'replica-identity.require-full' = 'true'")
                .contains("ALTER TABLE \"public\".\"parts_2\" REPLICA IDENTITY FULL;")
                .doesNotContain("parts_1");
    }

    @Test
    void allModeTakesOldRowsOfDefaultLeavesFromState() throws Exception {
        String ddl =
                "CREATE TABLE t (id INT, code STRING, v INT) "
                        + db.withClause("parts", "slot.name", "parts_state");
        assertThat(
                        new SqlChanges(ddl)
                                .collect(
                                        "SELECT * FROM t",
                                        r -> r.startsWith("+I[150,"),
                                        () ->
                                                db.execute(
                                                        "UPDATE parts SET v = 2 WHERE id IN (50,"
                                                                + " 150)",
                                                        "DELETE FROM parts WHERE id = 150",
                                                        "INSERT INTO parts VALUES (199, 'z', 0)"),
                                        r -> r.startsWith("+I[199,")))
                .as("FULL and DEFAULT leaves alike: whole old rows")
                .containsExactly(
                        "+I[50, a, 1]",
                        "+I[150, b, 1]",
                        "-U[50, a, 1]",
                        "+U[50, a, 2]",
                        "-U[150, b, 1]",
                        "+U[150, b, 2]",
                        "-D[150, b, 2]",
                        "+I[199, z, 0]");
    }

    @Test
    void strictModeRefusesDefaultIdentityInUpsertModeToo() throws Exception {
        assertThat(
                        start(
                                "no_index",
                                "id",
                                "changelog-mode",
                                "upsert",
                                "replica-identity.require-full",
                                "true"))
                .contains("Table public.no_index has REPLICA IDENTITY DEFAULT")
                .contains("ALTER TABLE \"public\".\"no_index\" REPLICA IDENTITY FULL;");
    }

    @Test
    void upsertKeyMustBeTheKeyDeletesCarry() throws Exception {
        assertThat(start("other_key", "code", "changelog-mode", "upsert"))
                .contains("Table public.other_key: the declared PRIMARY KEY (code) is not the key")
                .contains("REPLICA IDENTITY DEFAULT (id)")
                .contains(
                        "ALTER TABLE \"public\".\"other_key\" REPLICA IDENTITY USING INDEX"
                                + " other_key_code_key;");
        assertThat(start("no_index", "code", "changelog-mode", "upsert"))
                .contains("Declare PRIMARY KEY (id) NOT ENFORCED")
                .contains("ALTER TABLE \"public\".\"no_index\" REPLICA IDENTITY FULL;");
        assertThat(start("by_index", "id", "changelog-mode", "upsert"))
                .contains("REPLICA IDENTITY USING INDEX (code)");
    }

    @Test
    void upsertWithNothingFails() throws Exception {
        assertThat(start("nothing", "id", "changelog-mode", "upsert"))
                .contains("Table public.nothing has REPLICA IDENTITY NOTHING")
                .contains("ALTER TABLE \"public\".\"nothing\" REPLICA IDENTITY FULL;");
    }

    @Test
    void upsertKeyedByTheReplicaIdentityIndexStreamsDeletes() throws Exception {
        String ddl =
                "CREATE TABLE t (id INT, code STRING, v INT, PRIMARY KEY (code) NOT ENFORCED) "
                        + db.withClause(
                                "by_index", "slot.name", "by_index_ok", "changelog-mode", "upsert");
        assertThat(
                        new SqlChanges(ddl)
                                .collect(
                                        "SELECT * FROM t",
                                        r -> r.startsWith("+I[2,"),
                                        () ->
                                                db.execute(
                                                        "DELETE FROM by_index WHERE id = 1",
                                                        "UPDATE by_index SET code = 'bb' WHERE id ="
                                                                + " 2",
                                                        "INSERT INTO by_index VALUES (3, 'c', 3)"),
                                        r -> r.startsWith("+I[3,")))
                .as("a key change deletes the old key")
                .containsExactly(
                        "+I[1, a, 1]",
                        "+I[2, b, 2]",
                        "-D[1, a, 1]",
                        "-D[2, b, 2]",
                        "+I[2, bb, 2]",
                        "+I[3, c, 3]");
    }
}
