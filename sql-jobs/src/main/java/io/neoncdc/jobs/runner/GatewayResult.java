package io.neoncdc.jobs.runner;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;

/** One result page of a SQL gateway operation (rows in the JSON row format). */
final class GatewayResult {
    private final JsonNode json;

    GatewayResult(JsonNode json) {
        this.json = json;
    }

    /** {@code NOT_READY}, {@code PAYLOAD} or {@code EOS}. */
    String type() {
        return json.path("resultType").asText();
    }

    boolean isQuery() {
        return json.path("isQueryResult").asBoolean(false);
    }

    /** The job the statement started (INSERT, query), or null. */
    String jobId() {
        JsonNode id = json.get("jobID");
        return id == null || id.isNull() ? null : id.asText();
    }

    /** {@code SUCCESS} (nothing to show, e.g. DDL) or {@code SUCCESS_WITH_CONTENT}. */
    String kind() {
        return json.path("resultKind").asText();
    }

    /** The next page's URI, or null after the last. */
    String next() {
        JsonNode next = json.get("nextResultUri");
        return next == null || next.isNull() ? null : next.asText();
    }

    List<String> columns() {
        List<String> names = new ArrayList<>();
        json.path("results").path("columns").forEach(c -> names.add(c.path("name").asText()));
        return names;
    }

    /** Each row as its short row kind ({@code +I}) followed by its fields' text. */
    List<List<String>> rows() {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode row : json.path("results").path("data")) {
            List<String> fields = new ArrayList<>();
            fields.add(ResultPrinter.shortKind(row.path("kind").asText()));
            for (JsonNode field : row.path("fields")) {
                fields.add(field.isValueNode() ? field.asText("null") : field.toString());
            }
            rows.add(fields);
        }
        return rows;
    }
}
