package io.neoncdc.postgres.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.junit.jupiter.api.Test;

/** Which scans one source can serve: typed options with defaults, table names aside. */
class SharedSlotKeyTest {
    private static Set<ConfigOption<?>> known() {
        NeonPostgresDynamicTableFactory f = new NeonPostgresDynamicTableFactory();
        Set<ConfigOption<?>> options = new HashSet<>(f.requiredOptions());
        options.addAll(f.optionalOptions());
        return options;
    }

    private static SharedSlotKey key(String... pairs) {
        Map<String, String> options = new HashMap<>();
        options.put("hostname", "db.example");
        options.put("username", "u");
        options.put("database-name", "shop");
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            options.put(pairs[i], pairs[i + 1]);
        }
        return SharedSlotKey.of(options, known());
    }

    @Test
    void tableNamesAndSpelledOutDefaultsDoNotMatter() {
        SharedSlotKey a = key("table-name", "orders", "slot.shared", "true");
        SharedSlotKey b =
                key("table-list", "public.items", "port", "5432", "heartbeat.interval", "30s");
        assertThat(a.sameSlot(b)).isTrue();
        assertThat(a.differences(b)).isEmpty();
    }

    @Test
    void anotherSlotOrDatabaseIsAnotherSource() {
        assertThat(key().sameSlot(key("slot.name", "other"))).isFalse();
        assertThat(key().sameSlot(key("database-name", "other"))).isFalse();
        assertThat(key().sameSlot(key("port", "5433"))).isFalse();
        assertThat(key().slotName()).isEqualTo("shop/neon_cdc_slot");
    }

    @Test
    void namesTheOptionsThatDifferAndHidesSecrets() {
        assertThat(key().differences(key("scan.startup.mode", "latest-offset", "password", "s3")))
                .containsExactly(
                        "'password' = (default) vs '***'",
                        "'scan.startup.mode' = (default) vs 'latest-offset'");
    }
}
