package dev.autosync.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.common.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;

/** The GitHub sandbox's control API as a test drives it: {@code POST /_sandbox/actions}, {@code GET /_sandbox/state}. */
final class SandboxControl {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final URI base;

    SandboxControl(URI base) {
        this.base = base;
    }

    /** The action's answer; it must succeed. */
    JsonNode act(Map<String, Object> action) {
        HttpResponse<String> response = post(action);
        assertEquals(200, response.statusCode(), () -> action + " → " + response.body());
        return parse(response.body());
    }

    /** The action's answer, or empty when the sandbox refused it (400, 404): a random history tries what may not apply. */
    Optional<JsonNode> attempt(Map<String, Object> action) {
        HttpResponse<String> response = post(action);
        if (response.statusCode() == 400 || response.statusCode() == 404) {
            return Optional.empty();
        }
        assertEquals(200, response.statusCode(), () -> action + " → " + response.body());
        return Optional.of(parse(response.body()));
    }

    JsonNode state() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve("/_sandbox/state")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            return parse(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> post(Map<String, Object> action) {
        try {
            return HTTP.send(HttpRequest.newBuilder(base.resolve("/_sandbox/actions"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(action))).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
