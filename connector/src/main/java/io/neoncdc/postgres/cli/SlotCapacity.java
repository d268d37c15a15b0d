package io.neoncdc.postgres.cli;

import io.neoncdc.postgres.catalog.PlatformSlots;
import io.neoncdc.postgres.catalog.SlotUsage;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The "slots left" item: whether the server has a place for the connector's slot, counting the
 * platform's own slots as taken places but never as idle slots to drop.
 */
final class SlotCapacity {
    static final String NAME = "Replication slots";

    private SlotCapacity() {}

    static Check run(Connection c, String slot) throws SQLException {
        String keep = PlatformSlots.keepPrefix(c);
        if (PlatformSlots.isPlatform(slot, keep)) {
            return Check.fail(
                    NAME,
                    "'slot.name' = '"
                            + slot
                            + "' starts with '"
                            + keep
                            + "', the prefix of the platform's own slots (neon.keep_ls_slot):"
                            + " choose another 'slot.name'.");
        }
        return verdict(SlotUsage.read(c), slot);
    }

    static Check verdict(SlotUsage usage, String slot) {
        boolean exists = usage.active().contains(slot) || usage.inactive().contains(slot);
        String detail = usage.describe();
        if (!exists && usage.left() == 0) {
            return Check.fail(
                    NAME,
                    detail
                            + ": no place for slot '"
                            + slot
                            + "'. Drop an inactive slot that is no longer needed, stop a client"
                            + " that holds one, or raise max_replication_slots (Neon allows 10"
                            + " per project)"
                            + (usage.platform().isEmpty()
                                    ? "."
                                    : "; leave the platform's own slots alone."));
        }
        return Check.ok(NAME, detail);
    }
}
