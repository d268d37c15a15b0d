package io.neoncdc.postgres.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.catalog.ColumnInfo;
import io.neoncdc.postgres.catalog.PgType;
import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.catalog.TableInfo;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/** The plan-time decision: state only where the WAL lacks old rows (or TOAST values, upsert). */
class ChangelogPlanTest {
    private static final PgType INT8 = PgType.builtin(20, "int8", -1);
    private static final PgType TEXT = PgType.builtin(25, "text", -1);

    @Test
    void allModeKeepsStateForDefaultIdentityOnly() {
        ChangelogPlan full = ChangelogPlan.decide(config(), List.of(table("a", 'f', true, true)));
        assertThat(full.keepsState()).as("every table FULL: the stateless source").isFalse();
        ChangelogPlan keyless =
                ChangelogPlan.decide(config(), List.of(table("k", 'd', false, true)));
        assertThat(keyless.keepsState()).as("keyless and insert-only: no state").isFalse();
        ChangelogPlan mixed =
                ChangelogPlan.decide(
                        config(),
                        List.of(
                                table("a", 'f', true, true),
                                table("b", 'd', true, false),
                                table("k", 'd', false, true)));
        assertThat(mixed.keepsState()).isTrue();
        assertThat(mixed.withoutState()).containsExactly(id("a"), id("k"));
    }

    @Test
    void upsertModeKeepsStateOnlyToFillToastValues() {
        NeonPostgresSourceConfig upsert = config("changelog-mode", "upsert");
        assertThat(ChangelogPlan.decide(upsert, List.of(table("b", 'd', true, false))).keepsState())
                .as("-D needs only the key; the planner normalizes")
                .isFalse();
        ChangelogPlan toast =
                ChangelogPlan.decide(
                        upsert, List.of(table("a", 'f', true, true), table("b", 'd', true, true)));
        assertThat(toast.keepsState()).isTrue();
        assertThat(toast.withoutState())
                .as("with state, every keyed table upserts through it")
                .isEmpty();
    }

    @Test
    void strictModeNeverKeepsState() {
        NeonPostgresSourceConfig strict = config("replica-identity.require-full", "true");
        assertThat(ChangelogPlan.decide(strict, List.of(table("b", 'd', true, true))).keepsState())
                .isFalse();
    }

    private static TableId id(String name) {
        return new TableId("public", name);
    }

    private static TableInfo table(String name, char identity, boolean key, boolean toastable) {
        List<ColumnInfo> columns =
                List.of(
                        new ColumnInfo("id", INT8, true, null, false, false),
                        new ColumnInfo("s", TEXT, false, null, false, toastable));
        List<String> pk = key ? List.of("id") : List.of();
        return new TableInfo(id(name), 1, 'r', identity, columns, pk, pk, 0, 0);
    }

    private static NeonPostgresSourceConfig config(String... options) {
        Map<String, String> map = new HashMap<>();
        map.put("hostname", "localhost");
        map.put("username", "u");
        map.put("database-name", "db");
        map.put("table-name", ".*");
        for (int i = 0; i < options.length; i += 2) {
            map.put(options[i], options[i + 1]);
        }
        return NeonPostgresSourceConfig.fromOptions(Configuration.fromMap(map)).build();
    }
}
