package io.neoncdc.postgres.catalog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * How many replication slots the server has left ({@code max_replication_slots} minus those in
 * use), with the slots in use split into the platform's own ({@link PlatformSlots}, which take a
 * place but are never anyone's to drop) and the others.
 */
public final class SlotUsage {
    private final int max;
    private final List<String> platform;
    private final List<String> active;
    private final List<String> inactive;

    private SlotUsage(int max, List<String> platform, List<String> active, List<String> inactive) {
        this.max = max;
        this.platform = platform;
        this.active = active;
        this.inactive = inactive;
    }

    public static SlotUsage read(Connection c) throws SQLException {
        String keep = PlatformSlots.keepPrefix(c);
        List<String> platform = new ArrayList<>();
        List<String> active = new ArrayList<>();
        List<String> inactive = new ArrayList<>();
        int max;
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SHOW max_replication_slots")) {
                rs.next();
                max = Integer.parseInt(rs.getString(1));
            }
            try (ResultSet rs =
                    st.executeQuery(
                            "SELECT slot_name, active FROM pg_replication_slots ORDER BY slot_name"
                                    + " COLLATE \"C\"")) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    if (PlatformSlots.isPlatform(name, keep)) {
                        platform.add(name);
                    } else {
                        (rs.getBoolean(2) ? active : inactive).add(name);
                    }
                }
            }
        }
        return new SlotUsage(max, platform, active, inactive);
    }

    /** {@code max_replication_slots}. */
    public int max() {
        return max;
    }

    /** Places left for a new slot. */
    public int left() {
        return Math.max(0, max - platform.size() - active.size() - inactive.size());
    }

    /** The platform's slots in use (they take a place; never drop them). */
    public List<String> platform() {
        return platform;
    }

    /** Other slots a client is streaming from now. */
    public List<String> active() {
        return active;
    }

    /** Other slots nobody streams from now (each retains WAL). */
    public List<String> inactive() {
        return inactive;
    }

    /** "N of max_replication_slots = M in use (…), K left", naming the slots. */
    public String describe() {
        StringBuilder sb =
                new StringBuilder()
                        .append(max - left())
                        .append(" of max_replication_slots = ")
                        .append(max)
                        .append(" in use, ")
                        .append(left())
                        .append(" left");
        if (!platform.isEmpty()) {
            sb.append("; the platform's own (never dropped, not counted as idle): ")
                    .append(names(platform));
        }
        if (!active.isEmpty()) {
            sb.append("; active: ").append(names(active));
        }
        if (!inactive.isEmpty()) {
            sb.append("; inactive (each retains WAL): ").append(names(inactive));
        }
        return sb.toString();
    }

    private static String names(List<String> slots) {
        if (slots.size() <= 10) {
            return String.join(", ", slots);
        }
        return String.join(", ", slots.subList(0, 10)) + " and " + (slots.size() - 10) + " more";
    }
}
