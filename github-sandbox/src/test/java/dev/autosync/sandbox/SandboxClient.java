package dev.autosync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** Raw HTTP calls to a sandbox, for tests that check its wire behaviour without autosync's client. */
final class SandboxClient {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GitHubSandbox sandbox;

    SandboxClient(GitHubSandbox sandbox) {
        this.sandbox = sandbox;
    }

    String jwt() {
        return sandbox.app().jwt(sandbox.clock().instant());
    }

    String token(long installationId) {
        return json(send("POST", "/app/installations/" + installationId + "/access_tokens", jwt(), Map.of()))
                .get("token").asText();
    }

    HttpResponse<String> get(String pathAndQuery, String credential) {
        return send("GET", pathAndQuery, credential, Map.of());
    }

    HttpResponse<String> send(String method, String pathAndQuery, String credential, Map<String, String> headers) {
        URI uri = pathAndQuery.startsWith("http") ? URI.create(pathAndQuery) : URI.create(sandbox.apiUrl() + pathAndQuery);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + credential)
                .header("Accept", "application/vnd.github+json")
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        return exchange(request);
    }

    /** {@code GET /_sandbox/state}, which must answer 200. */
    JsonNode state() {
        HttpResponse<String> response = exchange(HttpRequest.newBuilder(URI.create(sandbox.controlUrl() + "/_sandbox/state")));
        org.junit.jupiter.api.Assertions.assertEquals(200, response.statusCode(), response.body());
        return json(response);
    }

    /** {@code POST /_sandbox/actions} with {@code action}, which must answer {@code status}; its JSON body. */
    JsonNode action(Map<String, Object> action, int status) {
        try {
            HttpResponse<String> response = postAction(JSON.writeValueAsString(action));
            org.junit.jupiter.api.Assertions.assertEquals(status, response.statusCode(), response.body());
            return json(response);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@code POST /_sandbox/actions} with any body. */
    HttpResponse<String> postAction(String body) {
        return exchange(HttpRequest.newBuilder(URI.create(sandbox.controlUrl() + "/_sandbox/actions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> exchange(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
