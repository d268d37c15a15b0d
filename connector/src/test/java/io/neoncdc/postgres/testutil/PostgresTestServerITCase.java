package io.neoncdc.postgres.testutil;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The shared test server really is a logical-replication capable PostgreSQL of the asked version.
 */
class PostgresTestServerITCase {

    @Test
    void serverHasLogicalWalAndTheRequestedVersion() {
        TestDatabase db = PostgresTestServer.get().createDatabase("server_check");
        assertThat(db.queryValue("SHOW wal_level")).isEqualTo("logical");
        if (System.getenv("PG_TEST_URL") == null) {
            assertThat(PostgresTestServer.get().serverVersionNum() / 10000)
                    .isEqualTo(PostgresTestServer.requestedMajorVersion());
        }
        db.execute("CREATE TABLE t (id int primary key)", "INSERT INTO t VALUES (1), (2)");
        assertThat(db.queryRows("SELECT id FROM t ORDER BY id")).containsExactly("1", "2");
    }
}
