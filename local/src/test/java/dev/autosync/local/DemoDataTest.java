package dev.autosync.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.common.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The run command's demo: the sandbox's seeded organisation reaches the table only through signed
 * webhooks, the gateway, the queue and the processor — so this fails if any link of that chain breaks.
 */
class DemoDataTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void seededOrganisation_arrivesThroughTheWebhookPath() throws Exception {
        try (LocalRunner runner = LocalRunner.start(Map.of("AUTOSYNC_PORT", "0", "AUTOSYNC_API_TOKENS", "demo-token-0123456789"))) {
            URI repositories = URI.create("http://127.0.0.1:" + runner.port() + "/api/repositories");

            JsonNode api = awaitRepository(repositories, "octo-demo/api", 4);

            assertEquals(2, api.path("contributor_count").asInt(), api.toString());
            assertEquals(1, api.path("open_issues_count").asInt(), api.toString());
            assertTrue(api.path("webhook_configured").asBoolean());
        }
    }

    /** Polls until the processor has applied every seeded push (it drains the queue asynchronously). */
    private static JsonNode awaitRepository(URI uri, String fullName, int commits) throws Exception {
        JsonNode last = null;
        for (int attempt = 0; attempt < 100; attempt++) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer demo-token-0123456789").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            for (JsonNode repository : Json.mapper().readTree(response.body()).path("repositories")) {
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
}
