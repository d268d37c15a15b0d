package io.neoncdc.postgres.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.catalog.SnapshotFunctions;
import io.neoncdc.postgres.split.VisibilitySnapshot;
import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL 10–12 snapshot functions ({@code txid_*}, still present in later versions) and the
 * 13+ ones describe the same snapshot on a real server: no embedded binaries of 10–12 exist on
 * Maven Central, so the legacy chunk-snapshot path is checked against the modern one here.
 */
class SnapshotFunctionsITCase {
    @Test
    void legacyAndModernFunctionsDescribeTheSameSnapshot() throws Exception {
        TestDatabase db = PostgresTestServer.get().createDatabase("snapshot_functions");
        db.execute("CREATE TABLE t (id int)");
        SnapshotFunctions legacy = SnapshotFunctions.of(120000);
        SnapshotFunctions modern = SnapshotFunctions.of(170000);
        try (Connection open = db.connect();
                Connection reader = db.connect()) {
            long committedXid = Long.parseLong(db.queryValue("SELECT txid_current()"));
            // A transaction in progress: the snapshot must list it as not visible.
            open.setAutoCommit(false);
            long openXid;
            try (Statement st = open.createStatement();
                    ResultSet rs =
                            st.executeQuery("INSERT INTO t VALUES (1) RETURNING txid_current()")) {
                rs.next();
                openXid = rs.getLong(1);
            }
            reader.setAutoCommit(false);
            reader.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (Statement st = reader.createStatement();
                    ResultSet rs =
                            st.executeQuery(
                                    "SELECT "
                                            + legacy.current()
                                            + "::text, "
                                            + modern.current()
                                            + "::text, "
                                            + legacy.currentBound("xmin")
                                            + "::text, "
                                            + legacy.currentBound("xmax")
                                            + "::text")) {
                rs.next();
                VisibilitySnapshot fromLegacy = VisibilitySnapshot.parse(rs.getString(1));
                VisibilitySnapshot fromModern = VisibilitySnapshot.parse(rs.getString(2));
                assertThat(fromLegacy).isEqualTo(fromModern);
                assertThat(fromLegacy.xmin()).isEqualTo(Long.parseLong(rs.getString(3)));
                assertThat(fromLegacy.xmax()).isEqualTo(Long.parseLong(rs.getString(4)));
                assertThat(fromLegacy.sees(openXid)).as("sees the open transaction").isFalse();
                assertThat(fromLegacy.sees(committedXid)).as("sees a committed one").isTrue();
            } finally {
                reader.rollback();
                open.rollback();
            }
        }
    }
}
