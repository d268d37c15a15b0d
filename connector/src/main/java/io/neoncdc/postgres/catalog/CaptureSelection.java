package io.neoncdc.postgres.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link CaptureList} makes of a database's relations: the captured tables, the matching
 * relations it cannot capture (with the reason) and, when the list cannot be used, why.
 */
public final class CaptureSelection {
    private final List<CatalogReader.Relation> selected;
    private final Map<TableId, String> rejected;
    private final boolean strict;
    private final String missing;
    private final String empty;

    CaptureSelection(
            List<CatalogReader.Relation> selected,
            Map<TableId, String> rejected,
            boolean strict,
            String missing,
            String empty) {
        this.selected = List.copyOf(selected);
        this.rejected = Collections.unmodifiableMap(new LinkedHashMap<>(rejected));
        this.strict = strict;
        this.missing = missing;
        this.empty = empty;
    }

    /** The relations to capture (base and partitioned tables), in capture-list order. */
    public List<CatalogReader.Relation> selected() {
        return selected;
    }

    /** Relations named or matched that produce no decodable WAL, with the reason. */
    public Map<TableId, String> rejected() {
        return rejected;
    }

    /**
     * Whether a rejected relation is an error (it was named: an explicit list or literal names)
     * rather than a regex match that is skipped with a warning.
     */
    public boolean strict() {
        return strict;
    }

    /** Why a named table does not exist, or null. */
    public String missing() {
        return missing;
    }

    /** Why nothing can be captured, or null. */
    public String empty() {
        return empty;
    }

    /** The message that refuses a named relation that cannot be captured. */
    public static String rejectionMessage(TableId id, String reason) {
        return "Cannot capture " + id + ": " + reason + ". Capture its base tables instead.";
    }
}
