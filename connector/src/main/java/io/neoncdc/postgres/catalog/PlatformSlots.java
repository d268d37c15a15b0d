package io.neoncdc.postgres.catalog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * The replication slots a platform keeps for itself, which the connector never creates, drops,
 * reports on or counts as someone's idle slot: Neon's {@code wal_proposer_slot} (the compute's
 * walproposer streaming to the safekeepers) and {@code wal_retention_slot}, and the logical slots
 * of Neon/Databricks Lakebase's {@code wal2delta} sync ({@code wal2delta_main_slot_…}, the prefix
 * Neon's {@code neon.keep_ls_slot} setting names).
 */
public final class PlatformSlots {
    /** Slots named exactly so. */
    static final List<String> NAMES = List.of("wal_proposer_slot", "wal_retention_slot");

    /** Slots whose names start so. */
    static final List<String> PREFIXES = List.of("wal2delta_");

    /** Neon's setting that names the prefix of a platform logical slot its cleanup keeps. */
    static final String KEEP_SETTING = "neon.keep_ls_slot";

    private PlatformSlots() {}

    /** Whether a slot of this name belongs to the platform by its well-known name. */
    public static boolean isPlatform(String slot) {
        return isPlatform(slot, null);
    }

    /**
     * Whether a slot of this name belongs to the platform, also counting the prefix the server's
     * {@code neon.keep_ls_slot} names (null or empty when it names none).
     */
    public static boolean isPlatform(String slot, String keepPrefix) {
        String s = slot.toLowerCase(Locale.ROOT);
        if (NAMES.contains(s) || PREFIXES.stream().anyMatch(s::startsWith)) {
            return true;
        }
        return keepPrefix != null && !keepPrefix.isEmpty() && slot.startsWith(keepPrefix);
    }

    /** The server's {@code neon.keep_ls_slot} (null when not set or not a Neon compute). */
    public static String keepPrefix(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery(
                                "SELECT nullif(current_setting('"
                                        + KEEP_SETTING
                                        + "', true), '')")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * An SQL condition that holds for the slots that are not the platform's, for queries on {@code
     * pg_replication_slots} (by name, and by the server's {@code neon.keep_ls_slot}).
     */
    public static String notPlatform(String column) {
        StringBuilder sql = new StringBuilder("(").append(column).append(" NOT IN (");
        for (int i = 0; i < NAMES.size(); i++) {
            sql.append(i == 0 ? "'" : ", '").append(NAMES.get(i)).append("'");
        }
        sql.append(")");
        for (String prefix : PREFIXES) {
            sql.append(" AND left(")
                    .append(column)
                    .append(", ")
                    .append(prefix.length())
                    .append(") <> '")
                    .append(prefix)
                    .append("'");
        }
        String keep = "nullif(current_setting('" + KEEP_SETTING + "', true), '')";
        sql.append(" AND (")
                .append(keep)
                .append(" IS NULL OR left(")
                .append(column)
                .append(", length(")
                .append(keep)
                .append(")) <> ")
                .append(keep)
                .append("))");
        return sql.toString();
    }
}
