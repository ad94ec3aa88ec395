package dev.autosync.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.common.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The run command's demo: the sandbox's seeded organisation reaches the table through signed webhooks and
 * the import they start; then a few changes whose webhooks fail on purpose (a push GitHub lists as a
 * failed delivery, an issue closed and one opened with no webhook at all) are missing from the API until
 * the first periodic run — which comes on its own shortly after start — repairs them, so that the API
 * then agrees with the sandbox's {@code /_sandbox/state} (the ready line's {@code github=}).
 */
class DemoDataTest {

    private static final String TOKEN = "demo-token-0123456789";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Generous: dynalite and ElasticMQ on a busy CI machine; the run itself takes a few seconds. */
    private static final long PERIODIC_RUN_TIMEOUT_MS = 120_000;
    private static final long AGREEMENT_TIMEOUT_MS = 30_000;

    @Test
    void missedAndDroppedDemoWebhooks_areRepairedByTheFirstPeriodicRun() throws Exception {
        try (LocalRunner runner = LocalRunner.start(Map.of("AUTOSYNC_PORT", "0", "AUTOSYNC_API_TOKENS", TOKEN,
                // The seeded state only: the living demo's later changes are LivingDemoTest's.
                "AUTOSYNC_DEMO_ACTIVITY", "off"))) {
            LocalApi api = new LocalApi(runner, TOKEN);
            Map<String, String> ready = LocalRunner.readyFields(runner.readyLine());
            URI control = URI.create(ready.get("github"));
            assertTrue(ready.get("github_api").startsWith("http://127.0.0.1:")
                    && !ready.get("github_api").equals(ready.get("github")), runner.readyLine());
            JsonNode state = sandboxState(control);
            JsonNode apiRepo = repositoryOf(state, DemoGitHub.DEMO_ORG + "/api");
            JsonNode webRepo = repositoryOf(state, DemoGitHub.DEMO_ORG + "/web");
            // The missed push made the newest commits of octo-demo/api's default branch.
            List<String> missedShas = new ArrayList<>();
            for (int i = 0; i < DemoGitHub.MISSED_PUSH.size(); i++) {
                missedShas.add(apiRepo.path("commits").get(i).asText());
            }
            long apiId = apiRepo.path("id").asLong();
            long webId = webRepo.path("id").asLong();

            // start() returns once the failures are staged, ~5 s before the first periodic run; the import
            // had ended before they were made, so nothing can have repaired them yet.
            assertTrue(completedPeriodicJob(api).isEmpty(), "no periodic run has completed yet");
            Set<String> before = commitShas(api, apiId, Optional.empty());
            assertTrue(missedShas.stream().noneMatch(before::contains),
                    "the missed push is not in the store before the periodic run: " + before);
            assertEquals("open", issueState(api, webId, "Dark mode"), "its close was dropped");
            assertNull(issueState(api, webId, DemoGitHub.DROPPED_ISSUE), "its opening was dropped");

            JsonNode job = awaitCompletedPeriodicJob(api);
            assertTrue(job.path("details").path("redeliveries").asInt() >= 1,
                    "the run asked GitHub to redeliver the missed push: " + job);
            assertTrue(commitShas(api, apiId, Optional.empty()).containsAll(missedShas),
                    "the missed push's commits are in the store");
            assertEquals("closed", issueState(api, webId, "Dark mode"), "the dropped close is repaired");
            assertEquals("open", issueState(api, webId, DemoGitHub.DROPPED_ISSUE), "the dropped issue is repaired");
            // The redelivered push reaches the processor after the run's own repair; both write the same.
            long deadline = System.currentTimeMillis() + AGREEMENT_TIMEOUT_MS;
            Instant since = Instant.now().minus(java.time.Duration.ofDays(90));
            List<String> differences = ConvergenceChecker.differences(api, sandboxState(control), since);
            while (!differences.isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
                differences = ConvergenceChecker.differences(api, sandboxState(control), since);
            }
            assertEquals(List.of(), differences, "the API agrees with /_sandbox/state");
        }
    }

    private static JsonNode awaitCompletedPeriodicJob(LocalApi api) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + PERIODIC_RUN_TIMEOUT_MS;
        Optional<JsonNode> job = completedPeriodicJob(api);
        while (job.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
            job = completedPeriodicJob(api);
        }
        return job.orElseThrow(() -> new AssertionError("no periodic run completed within "
                + PERIODIC_RUN_TIMEOUT_MS / 1000 + " s: " + jobs(api)));
    }

    private static Optional<JsonNode> completedPeriodicJob(LocalApi api) throws IOException, InterruptedException {
        for (JsonNode job : api.get("/api/sync/jobs?type=periodic_sync").path("jobs")) {
            String status = job.path("status").asText();
            if (status.equals("completed")) {
                return Optional.of(job);
            }
            assertFalse(status.equals("failed") || status.equals("completed_with_errors"),
                    "the periodic run ended " + status + ": " + job);
        }
        return Optional.empty();
    }

    private static String jobs(LocalApi api) {
        try {
            return api.get("/api/sync/jobs?limit=20").toString();
        } catch (IOException | InterruptedException e) {
            return e.toString();
        }
    }

    private static Set<String> commitShas(LocalApi api, long repositoryId, Optional<String> branch)
            throws IOException, InterruptedException {
        String query = branch.map(b -> "?branch=" + java.net.URLEncoder.encode(b, java.nio.charset.StandardCharsets.UTF_8))
                .orElse("");
        Set<String> shas = new HashSet<>();
        all(api, "/api/repositories/" + repositoryId + "/commits" + query, "commits")
                .forEach(c -> shas.add(c.path("sha").asText()));
        return shas;
    }

    /** The state of the repository's issue titled {@code title}, or null when the API has no such issue. */
    private static String issueState(LocalApi api, long repositoryId, String title) throws IOException, InterruptedException {
        for (JsonNode issue : all(api, "/api/repositories/" + repositoryId + "/issues?state=all", "issues")) {
            if (title.equals(issue.path("title").asText())) {
                return issue.path("state").asText();
            }
        }
        return null;
    }

    /** Every item of a paginated list (the demo's lists fit in a page of 100; the cursor is followed anyway). */
    static List<JsonNode> all(LocalApi api, String path, String field) throws IOException, InterruptedException {
        List<JsonNode> items = new ArrayList<>();
        String separator = path.contains("?") ? "&" : "?";
        String cursor = null;
        do {
            JsonNode page = api.get(path + separator + "limit=100"
                    + (cursor == null ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8)));
            page.path(field).forEach(items::add);
            cursor = page.path("next_cursor").isTextual() ? page.path("next_cursor").asText() : null;
        } while (cursor != null);
        return items;
    }

    static JsonNode sandboxState(URI control) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(control.resolve("/_sandbox/state")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return Json.mapper().readTree(response.body());
    }

    private static JsonNode repositoryOf(JsonNode state, String fullName) {
        for (JsonNode installation : state.path("installations")) {
            for (JsonNode repository : installation.path("repositories")) {
                if (fullName.equals(repository.path("full_name").asText())) {
                    return repository;
                }
            }
        }
        throw new AssertionError(fullName + " is not in the sandbox: " + state);
    }
}
