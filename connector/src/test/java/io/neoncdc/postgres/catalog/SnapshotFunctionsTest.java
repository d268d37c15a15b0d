package io.neoncdc.postgres.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** PostgreSQL 10–12 get the {@code txid_*} functions, 13+ the {@code pg_*} ones. */
class SnapshotFunctionsTest {
    @Test
    void legacyFunctionsBeforePostgres13() {
        for (int version : new int[] {100000, 110022, 120020}) {
            SnapshotFunctions f = SnapshotFunctions.of(version);
            assertThat(f.current()).isEqualTo("txid_current_snapshot()");
            assertThat(f.currentBound("xmin"))
                    .isEqualTo("txid_snapshot_xmin(txid_current_snapshot())");
            assertThat(f.currentBound("xmax"))
                    .isEqualTo("txid_snapshot_xmax(txid_current_snapshot())");
        }
    }

    @Test
    void pgSnapshotFunctionsFrom13() {
        for (int version : new int[] {130000, 170011, 180006}) {
            SnapshotFunctions f = SnapshotFunctions.of(version);
            assertThat(f.current()).isEqualTo("pg_current_snapshot()");
            assertThat(f.currentBound("xmax")).isEqualTo("pg_snapshot_xmax(pg_current_snapshot())");
        }
    }

    @Test
    void onlySnapshotBounds() {
        assertThatThrownBy(() -> SnapshotFunctions.of(170000).currentBound("xip; DROP"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
