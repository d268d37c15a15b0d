package io.neoncdc.postgres.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Capture lists that match nothing, or name relations that write no WAL (views, materialized views,
 * unlogged, foreign and temporary tables, system catalogs), fail by name with the reason.
 */
@Timeout(120)
class CatalogBadInputITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static TestDatabase db;

    @BeforeAll
    static void setUp() {
        db = PostgresTestServer.get().createDatabase("bad_catalog");
        db.execute(
                "CREATE TABLE base (id int PRIMARY KEY, v text)",
                "ALTER TABLE base REPLICA IDENTITY FULL",
                "CREATE VIEW base_view AS SELECT id, v FROM base",
                "CREATE MATERIALIZED VIEW base_matview AS SELECT id, v FROM base",
                "CREATE UNLOGGED TABLE base_unlogged (id int PRIMARY KEY, v text)",
                // A wrapper without handler needs no extension: enough for a foreign table.
                "CREATE FOREIGN DATA WRAPPER bad_catalog_fdw",
                "CREATE SERVER bad_catalog_srv FOREIGN DATA WRAPPER bad_catalog_fdw",
                "CREATE FOREIGN TABLE base_foreign (id int, v text) SERVER bad_catalog_srv",
                "CREATE PUBLICATION neon_cdc_pub FOR TABLE base");
    }

    private static String failure(String table, String... options) throws Exception {
        return FailingJob.run(db, "id INT, v STRING", table, options).messages;
    }

    @Test
    void noTableMatches() throws Exception {
        assertThat(failure("no_such_table"))
                .contains(
                        "No table in database '"
                                + db.name()
                                + "' matches 'schema-name' = 'public' and 'table-name' ="
                                + " 'no_such_table'");
    }

    @Test
    void noTableMatchesNamesTheSameNameWithOtherCase() throws Exception {
        assertThat(failure("BASE"))
                .contains("matches 'schema-name' = 'public' and 'table-name' = 'BASE'")
                .contains("Similar relations: public.base")
                .contains("names are case-sensitive");
    }

    @Test
    void view() throws Exception {
        assertThat(failure("base_view"))
                .contains("Cannot capture public.base_view: it is a view")
                .contains("Capture its base tables instead");
    }

    @Test
    void materializedView() throws Exception {
        assertThat(failure("base_matview"))
                .contains("Cannot capture public.base_matview: it is a materialized view");
    }

    @Test
    void unloggedTable() throws Exception {
        assertThat(failure("base_unlogged"))
                .contains("Cannot capture public.base_unlogged: it is an unlogged table")
                .contains("ALTER TABLE \"public\".\"base_unlogged\" SET LOGGED");
    }

    @Test
    void foreignTable() throws Exception {
        assertThat(failure("base_foreign"))
                .contains("Cannot capture public.base_foreign: it is a foreign table");
    }

    @Test
    void regexMatchingOnlyUncapturableRelationsListsThem() throws Exception {
        assertThat(failure("base_(view|matview)"))
                .contains("No table in database")
                .contains("Matching relations that cannot be captured:")
                .contains("public.base_view (it is a view")
                .contains("public.base_matview (it is a materialized view");
    }

    @Test
    void temporaryTable() throws Exception {
        try (Connection session = db.connect();
                Statement st = session.createStatement()) {
            st.execute("CREATE TEMPORARY TABLE base_temp (id int PRIMARY KEY, v text)");
            var rs = st.executeQuery("SELECT pg_my_temp_schema()::regnamespace::text");
            rs.next();
            String tempSchema = rs.getString(1);
            assertThat(failure("base_temp", "schema-name", tempSchema))
                    .contains("Cannot capture " + tempSchema + ".base_temp")
                    .contains("it is a temporary table");
            assertThat(failure("base_temp"))
                    .contains("Similar relations: " + tempSchema + ".base_temp (it is a temporary");
        }
    }

    @Test
    void systemCatalog() throws Exception {
        assertThat(failure("pg_class", "schema-name", "pg_catalog"))
                .contains("Cannot capture pg_catalog.pg_class: it is a system catalog");
        assertThat(failure("pg_class"))
                .contains("Similar relations: pg_catalog.pg_class (it is a system catalog");
    }
}
