package io.neoncdc.postgres.reader.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.config.NeonPostgresOptions;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import io.neoncdc.postgres.reader.CdcRecord;
import io.neoncdc.postgres.schema.CapturedTables;
import io.neoncdc.postgres.split.ResyncChunks;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/**
 * {@link Resync} refuses a re-snapshot in changelog-mode 'all' before touching the database, and a
 * stop-snapshot always records the (now smaller) list of chunks.
 */
class ResyncTest {
    @Test
    void allModeRefusesReSnapshotsAndTheStreamGoesOn() throws Exception {
        NeonPostgresSourceConfig config = config();
        Resync resync =
                new Resync(
                        config,
                        config.captureList(),
                        new CapturedTables(config),
                        ResyncChunks.NONE,
                        ResyncTest::noDatabase);
        List<CdcRecord> out = new ArrayList<>();
        resync.onSignal(
                Signal.parse("s1", "execute-snapshot", "{\"data-collections\": [\"public.t\"]}"),
                out);
        assertThat(out).as("refused: nothing planned").isEmpty();
        assertThat(resync.betweenTransactions(Long.MAX_VALUE, out)).isFalse();
        resync.onSignal(Signal.parse("s2", "stop-snapshot", null), out);
        assertThat(out)
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.kind()).isEqualTo(CdcRecord.Kind.RESYNC);
                            assertThat(r.resyncChunks().isEmpty()).isTrue();
                        });
    }

    private static NeonPostgresSourceConfig config() {
        Configuration options = new Configuration();
        options.set(NeonPostgresOptions.HOSTNAME, "localhost");
        options.set(NeonPostgresOptions.USERNAME, "cdc");
        options.set(NeonPostgresOptions.DATABASE_NAME, "shop");
        options.set(NeonPostgresOptions.TABLE_NAME, "t");
        return NeonPostgresSourceConfig.fromOptions(options).build();
    }

    private static Connection noDatabase() {
        throw new AssertionError("the refusal needs no database");
    }
}
