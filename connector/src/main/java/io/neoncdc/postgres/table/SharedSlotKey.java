package io.neoncdc.postgres.table;

import static io.neoncdc.postgres.config.NeonPostgresOptions.DATABASE_NAME;
import static io.neoncdc.postgres.config.NeonPostgresOptions.HOSTNAME;
import static io.neoncdc.postgres.config.NeonPostgresOptions.PORT;
import static io.neoncdc.postgres.config.NeonPostgresOptions.SLOT_NAME;

import io.neoncdc.postgres.config.NeonPostgresOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

/**
 * What decides whether two SQL scans can be served by one source: the same server, database and
 * slot (which can feed only one reader) and the same source options (everything but the options
 * that name tables). Options are compared as typed values with defaults applied, so {@code 'port' =
 * '5432'} equals an unset port.
 */
final class SharedSlotKey {
    private static final Set<String> PER_TABLE =
            Set.of(
                    NeonPostgresOptions.SCHEMA_NAME.key(),
                    NeonPostgresOptions.TABLE_NAME.key(),
                    NeonPostgresOptions.TABLE_LIST.key(),
                    NeonPostgresOptions.SLOT_SHARED.key());

    private final Map<String, Object> options;
    private final List<Object> slot;

    private SharedSlotKey(Map<String, Object> options, List<Object> slot) {
        this.options = options;
        this.slot = slot;
    }

    /** The key of a scan with these (string) connector options. */
    static SharedSlotKey of(Map<String, String> raw, Set<ConfigOption<?>> known) {
        Configuration config = Configuration.fromMap(raw);
        Map<String, Object> options = new TreeMap<>();
        for (ConfigOption<?> option : known) {
            if (PER_TABLE.contains(option.key())) {
                continue;
            }
            Object value = config.getOptional(option).orElse(null);
            Object defaulted = option.hasDefaultValue() ? option.defaultValue() : null;
            if (value != null && !value.equals(defaulted)) {
                options.put(option.key(), value);
            }
        }
        List<Object> slot =
                List.of(
                        String.valueOf(config.get(HOSTNAME)),
                        config.get(PORT),
                        String.valueOf(config.get(DATABASE_NAME)),
                        config.get(SLOT_NAME));
        return new SharedSlotKey(options, slot);
    }

    /** Whether both read the same slot (of the same database on the same server). */
    boolean sameSlot(SharedSlotKey other) {
        return slot.equals(other.slot);
    }

    /** The options whose values differ ("key: a vs b"), empty when the sources can be one. */
    List<String> differences(SharedSlotKey other) {
        List<String> result = new ArrayList<>();
        TreeMap<String, Object> all = new TreeMap<>(options);
        all.putAll(other.options);
        for (String key : all.keySet()) {
            Object a = options.get(key);
            Object b = other.options.get(key);
            if (!Objects.equals(a, b)) {
                if (key.contains("password") || key.contains("passphrase")) {
                    a = a == null ? null : "***";
                    b = b == null ? null : "***";
                }
                result.add(
                        "'"
                                + key
                                + "' = "
                                + (a == null ? "(default)" : "'" + a + "'")
                                + " vs "
                                + (b == null ? "(default)" : "'" + b + "'"));
            }
        }
        return result;
    }

    /** {@code database/slot}: the basis of the shared source's stable operator ids. */
    String slotName() {
        return slot.get(2) + "/" + slot.get(3);
    }

    @Override
    public String toString() {
        return "slot " + slot.get(3) + " of database " + slot.get(2) + " at " + slot.get(0);
    }
}
