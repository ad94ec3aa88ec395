package dev.autosync.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.common.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The local runner's read API as a test calls it: authenticated JSON requests against its gateway. */
final class LocalApi {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final URI base;
    private final String token;

    LocalApi(LocalRunner runner, String token) {
        this.base = URI.create("http://127.0.0.1:" + runner.port());
        this.token = token;
    }

    URI base() {
        return base;
    }

    /** The JSON body of a {@code GET} that must answer 200. */
    JsonNode get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET(), 200);
    }

    /** The JSON body of a {@code POST} without a body that must answer {@code expectedStatus}. */
    JsonNode post(String path, int expectedStatus) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.noBody()), expectedStatus);
    }

    /**
     * The repository named {@code fullName} once the processor has applied {@code commits} commits to it
     * (it drains the queue asynchronously, so the seeded webhooks arrive a little after start-up).
     */
    JsonNode awaitRepository(String fullName, int commits) throws IOException, InterruptedException {
        JsonNode last = null;
        for (int attempt = 0; attempt < 150; attempt++) {
            for (JsonNode repository : get("/api/repositories").path("repositories")) {
                if (fullName.equals(repository.path("full_name").asText())) {
                    last = repository;
                    if (repository.path("commit_count").asInt() == commits) {
                        return repository;
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError(fullName + " never reached " + commits + " commits; last seen: " + last);
    }

    private JsonNode send(HttpRequest.Builder request, int expectedStatus) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request.header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(expectedStatus, response.statusCode(), response.body());
        return Json.mapper().readTree(response.body());
    }
}
