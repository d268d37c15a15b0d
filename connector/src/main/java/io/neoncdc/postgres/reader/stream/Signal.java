package io.neoncdc.postgres.reader.stream;

import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.catalog.TableList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One row of the signal table, parsed: {@code execute-snapshot} with {@code data} = {@code
 * {"data-collections": ["schema.table", …], "additional-conditions": [{"data-collection":
 * "schema.table", "filter": "<SQL condition>"}]}}, or {@code stop-snapshot} with optional {@code
 * data-collections} (none: every table).
 */
final class Signal {
    static final String EXECUTE_SNAPSHOT = "execute-snapshot";
    static final String STOP_SNAPSHOT = "stop-snapshot";
    private static final ObjectMapper JSON = new ObjectMapper();

    final String id;
    final String type;

    /** The tables named; null for a stop-snapshot of every table. */
    final List<TableId> tables;

    final Map<TableId, String> conditions;

    private Signal(String id, String type, List<TableId> tables, Map<TableId, String> conditions) {
        this.id = id;
        this.type = type;
        this.tables = tables;
        this.conditions = conditions;
    }

    /**
     * @throws IllegalArgumentException naming the signal and what is wrong with it
     */
    static Signal parse(String id, String type, String data) {
        if (!EXECUTE_SNAPSHOT.equals(type) && !STOP_SNAPSHOT.equals(type)) {
            throw bad(id, "unknown type '" + type + "' (known: execute-snapshot, stop-snapshot)");
        }
        JsonNode root;
        try {
            root = data == null || data.isBlank() ? JSON.createObjectNode() : JSON.readTree(data);
        } catch (Exception e) {
            throw bad(id, "data is not JSON (" + e.getMessage() + "): " + data);
        }
        String snapshotType = root.path("type").asText("incremental");
        if (!"incremental".equalsIgnoreCase(snapshotType)) {
            throw bad(id, "snapshot type '" + snapshotType + "' (only incremental is supported)");
        }
        JsonNode collections = root.path("data-collections");
        List<TableId> tables = collections.isMissingNode() ? null : new ArrayList<>();
        for (JsonNode name : collections) {
            TableId table = table(id, name.asText());
            if (!tables.contains(table)) {
                tables.add(table);
            }
        }
        if (EXECUTE_SNAPSHOT.equals(type) && (tables == null || tables.isEmpty())) {
            throw bad(id, "execute-snapshot needs \"data-collections\": [\"schema.table\", …]");
        }
        Map<TableId, String> conditions = new LinkedHashMap<>();
        for (JsonNode c : root.path("additional-conditions")) {
            TableId table = table(id, c.path("data-collection").asText());
            String filter = c.path("filter").asText("");
            if (filter.isBlank() || !tables.contains(table)) {
                throw bad(
                        id,
                        "each additional condition needs a \"filter\" and a"
                                + " \"data-collection\" listed in \"data-collections\"");
            }
            conditions.put(table, filter);
        }
        return new Signal(id, type, tables, conditions);
    }

    boolean isExecute() {
        return EXECUTE_SNAPSHOT.equals(type);
    }

    private static TableId table(String id, String name) {
        try {
            return TableList.parseName(name);
        } catch (RuntimeException e) {
            throw bad(id, "'" + name + "' is not schema.table");
        }
    }

    private static IllegalArgumentException bad(String id, String problem) {
        return new IllegalArgumentException("Signal '" + id + "' ignored: " + problem);
    }

    @Override
    public String toString() {
        return type + " " + (tables == null ? "(all tables)" : tables) + " (signal '" + id + "')";
    }
}
