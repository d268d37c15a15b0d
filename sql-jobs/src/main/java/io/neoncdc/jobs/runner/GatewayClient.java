package io.neoncdc.jobs.runner;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A client of the Flink SQL gateway's REST API (v3): sessions, statements and their result pages.
 * One instance serves one session.
 */
final class GatewayClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final URI base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private String session;

    GatewayClient(URI base) {
        this.base = base;
    }

    /** Opens the session; {@code properties} are Flink options for it. */
    void openSession(Map<String, String> properties) throws IOException {
        JsonNode body = JSON.createObjectNode().set("properties", JSON.valueToTree(properties));
        session = send("POST", "/v3/sessions", body).get("sessionHandle").asText();
    }

    /** Submits a statement; returns the URI of its first result page. */
    String submit(String statement) throws IOException {
        JsonNode body = JSON.createObjectNode().put("statement", statement);
        String operation =
                send("POST", "/v3/sessions/" + session + "/statements", body)
                        .get("operationHandle")
                        .asText();
        return "/v3/sessions/" + session + "/operations/" + operation + "/result/0?rowFormat=JSON";
    }

    /** Fetches one result page (maybe NOT_READY: ask again for the same URI). */
    GatewayResult fetch(String resultUri) throws IOException {
        return new GatewayResult(send("GET", resultUri, null));
    }

    /** Closes the operation a result URI belongs to: a running query's job is cancelled. */
    void closeOperation(String resultUri) throws IOException {
        send("DELETE", resultUri.substring(0, resultUri.indexOf("/result/")) + "/close", null);
    }

    /** Closes the session; jobs it submitted keep running on the cluster. */
    void closeSession() throws IOException {
        if (session != null) {
            send("DELETE", "/v3/sessions/" + session, null);
            session = null;
        }
    }

    private JsonNode send(String method, String path, JsonNode body) throws IOException {
        HttpRequest request =
                HttpRequest.newBuilder(base.resolve(path))
                        .timeout(REQUEST_TIMEOUT)
                        .header("Content-Type", "application/json")
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while calling the SQL gateway", e);
        }
        JsonNode json = response.body().isBlank() ? JSON.createObjectNode() : parse(response);
        if (response.statusCode() / 100 != 2) {
            throw new GatewayException(response.statusCode(), json);
        }
        return json;
    }

    private static JsonNode parse(HttpResponse<String> response) throws IOException {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IOException(
                    "The SQL gateway answered HTTP "
                            + response.statusCode()
                            + ": "
                            + response.body(),
                    e);
        }
    }
}
