package io.neoncdc.postgres.split;

import io.neoncdc.postgres.catalog.TableId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.annotation.Internal;

/**
 * The chunks an {@code execute-snapshot} signal asked the stream to read again, in reading order,
 * and the signal's extra row condition per table. The head may carry rows read but not yet emitted.
 */
@Internal
public final class ResyncChunks {
    public static final ResyncChunks NONE = new ResyncChunks(List.of(), Map.of());

    private final List<SnapshotSplit> chunks;
    private final Map<TableId, String> filters;

    public ResyncChunks(List<SnapshotSplit> chunks, Map<TableId, String> filters) {
        this.chunks = List.copyOf(chunks);
        this.filters = Map.copyOf(filters);
    }

    public List<SnapshotSplit> chunks() {
        return chunks;
    }

    /** The extra SQL condition for a table's rows, or null. */
    public String filter(TableId table) {
        return filters.get(table);
    }

    public Map<TableId, String> filters() {
        return filters;
    }

    public boolean isEmpty() {
        return chunks.isEmpty();
    }

    /** These chunks added at the end, with their table's condition. */
    public ResyncChunks plus(List<SnapshotSplit> more, Map<TableId, String> moreFilters) {
        List<SnapshotSplit> all = new ArrayList<>(chunks);
        all.addAll(more);
        Map<TableId, String> f = new LinkedHashMap<>(filters);
        for (SnapshotSplit s : more) {
            f.remove(s.table());
        }
        f.putAll(moreFilters);
        return new ResyncChunks(all, f);
    }

    /** Without the chunks of these tables (all when null). */
    public ResyncChunks without(Set<TableId> tables) {
        if (tables == null) {
            return NONE;
        }
        List<SnapshotSplit> left = new ArrayList<>();
        for (SnapshotSplit s : chunks) {
            if (!tables.contains(s.table())) {
                left.add(s);
            }
        }
        Map<TableId, String> f = new LinkedHashMap<>(filters);
        f.keySet().removeAll(tables);
        return new ResyncChunks(left, f);
    }

    /** The head chunk replaced (e.g. by its partly emitted state). */
    public ResyncChunks withHead(SnapshotSplit head) {
        List<SnapshotSplit> all = new ArrayList<>(chunks);
        all.set(0, head);
        return new ResyncChunks(all, filters);
    }

    /** Without the head chunk. */
    public ResyncChunks tail() {
        return new ResyncChunks(chunks.subList(1, chunks.size()), filters);
    }
}
