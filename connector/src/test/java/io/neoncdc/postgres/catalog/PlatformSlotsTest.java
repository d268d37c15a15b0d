package io.neoncdc.postgres.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.ValidationException;
import org.junit.jupiter.api.Test;

/** Which slot names are the platform's, and that 'slot.name' may not be one of them. */
class PlatformSlotsTest {
    @Test
    void neonAndLakebaseSlotsArePlatformSlots() {
        assertThat(PlatformSlots.isPlatform("wal_proposer_slot")).isTrue();
        assertThat(PlatformSlots.isPlatform("wal_retention_slot")).isTrue();
        assertThat(PlatformSlots.isPlatform("wal2delta_main_slot_16384")).isTrue();
        assertThat(PlatformSlots.isPlatform("neon_cdc_slot")).isFalse();
        assertThat(PlatformSlots.isPlatform("wal_proposer_slot_2")).isFalse();
        assertThat(PlatformSlots.isPlatform("my_wal_retention_slot")).isFalse();
    }

    @Test
    void theServersKeptPrefixCountsToo() {
        assertThat(PlatformSlots.isPlatform("sync_7", "sync_")).isTrue();
        assertThat(PlatformSlots.isPlatform("sync_7", "")).isFalse();
        assertThat(PlatformSlots.isPlatform("sync_7", null)).isFalse();
        assertThat(PlatformSlots.isPlatform("neon_cdc_slot", "sync_")).isFalse();
    }

    @Test
    void slotNameMayNotBeAPlatformSlot() {
        for (String slot : new String[] {"wal_proposer_slot", "wal2delta_main_slot_1"}) {
            Configuration options = new Configuration();
            options.setString("hostname", "localhost");
            options.setString("username", "cdc");
            options.setString("database-name", "shop");
            options.setString("table-name", "orders");
            options.setString("slot.name", slot);
            assertThatThrownBy(() -> NeonPostgresSourceConfig.fromOptions(options).build())
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("'slot.name' = '" + slot + "' is a name the platform")
                    .hasMessageContaining("Choose another name");
        }
    }

    @Test
    void theSqlConditionNamesEverySlotAndPrefix() {
        String sql = PlatformSlots.notPlatform("slot_name");
        assertThat(sql)
                .contains("slot_name NOT IN ('wal_proposer_slot', 'wal_retention_slot')")
                .contains("left(slot_name, 10) <> 'wal2delta_'")
                .contains("current_setting('neon.keep_ls_slot', true)");
    }
}
