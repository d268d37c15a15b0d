package io.neoncdc.jobs.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;

/** Reads the JobManager's REST API: jobs, their vertices, exceptions and metrics. */
final class ClusterRest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ClusterRest(URI base) {
        this.base = base;
    }

    /** Task slots of registered TaskManagers (0 while none has registered or on no answer). */
    int registeredSlots() {
        try {
            return get("/overview").path("slots-total").asInt(0);
        } catch (IOException e) {
            return 0;
        }
    }

    boolean answers(URI uri) {
        try {
            return send(uri).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The newest job whose name contains {@code part}: {@code jid}, {@code name}, {@code state}.
     */
    Optional<JsonNode> job(String part) throws IOException {
        JsonNode newest = null;
        for (JsonNode job : get("/jobs/overview").path("jobs")) {
            if (job.path("name").asText().contains(part)
                    && (newest == null
                            || job.path("start-time").asLong()
                                    > newest.path("start-time").asLong())) {
                newest = job;
            }
        }
        return Optional.ofNullable(newest);
    }

    /** The id of the job's vertex whose name starts with {@code prefix}, e.g. "Source: orders". */
    String vertex(String jobId, String prefix) throws IOException {
        for (JsonNode vertex : get("/jobs/" + jobId).path("vertices")) {
            if (vertex.path("name").asText().startsWith(prefix)) {
                return vertex.path("id").asText();
            }
        }
        throw new IllegalStateException("No vertex '" + prefix + "' in job " + jobId);
    }

    /** The job's vertices with parallelism and task states, for failure messages. */
    String describe(String jobId) {
        try {
            StringBuilder sb = new StringBuilder("job " + jobId + ":");
            for (JsonNode vertex : get("/jobs/" + jobId).path("vertices")) {
                sb.append("\n  ")
                        .append(vertex.path("name").asText())
                        .append(" p=")
                        .append(vertex.path("parallelism").asInt())
                        .append(' ')
                        .append(vertex.path("tasks"));
            }
            return sb.toString();
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** The root exception of a job, for failure messages. */
    String exceptions(String jobId) {
        try {
            return get("/jobs/" + jobId + "/exceptions").path("root-exception").asText();
        } catch (IOException e) {
            return e.toString();
        }
    }

    /**
     * A metric of the operator coordinator (the source's enumerator) running on the JobManager,
     * e.g. {@code snapshot.chunksFinished}; empty until the JobManager has fetched it.
     */
    Optional<Double> coordinatorMetric(String jobId, String vertexId, String name)
            throws IOException {
        String path = "/jobs/" + jobId + "/vertices/" + vertexId + "/jm-operator-metrics";
        return metric(path, "", ".coordinator.enumerator." + name);
    }

    /**
     * A task metric summed over the vertex's subtasks, whose id starts with {@code idPrefix} and
     * ends with {@code idSuffix}, e.g. {@code Source__orders…numRecordsOut}.
     */
    Optional<Double> subtaskMetricSum(
            String jobId, String vertexId, String idPrefix, String idSuffix) throws IOException {
        return metric(
                "/jobs/" + jobId + "/vertices/" + vertexId + "/subtasks/metrics",
                idPrefix,
                idSuffix);
    }

    private Optional<Double> metric(String path, String idPrefix, String idSuffix)
            throws IOException {
        for (JsonNode listed : get(path)) {
            String id = listed.path("id").asText();
            if (id.startsWith(idPrefix) && id.endsWith(idSuffix)) {
                String query = "?get=" + URLEncoder.encode(id, StandardCharsets.UTF_8);
                for (JsonNode value : get(path + query)) {
                    JsonNode v = value.has("value") ? value.get("value") : value.get("sum");
                    if (v != null) {
                        return Optional.of(Double.parseDouble(v.asText()));
                    }
                }
            }
        }
        return Optional.empty();
    }

    JsonNode get(String path) throws IOException {
        HttpResponse<String> response = send(base.resolve(path));
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + ": HTTP " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }

    /** Cancels the job ({@code PATCH /jobs/<id>?mode=cancel}); the caller awaits CANCELED. */
    void cancel(String jobId) throws IOException {
        HttpRequest request =
                HttpRequest.newBuilder(base.resolve("/jobs/" + jobId + "?mode=cancel"))
                        .method("PATCH", HttpRequest.BodyPublishers.noBody())
                        .timeout(Duration.ofSeconds(10))
                        .build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 202) {
            throw new IOException(
                    "Cancel " + jobId + ": HTTP " + response.statusCode() + " " + response.body());
        }
    }

    private HttpResponse<String> send(URI uri) throws IOException {
        return send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
