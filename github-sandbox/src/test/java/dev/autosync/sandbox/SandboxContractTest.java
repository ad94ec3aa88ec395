package dev.autosync.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atlassian.oai.validator.report.ValidationReport;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every endpoint the sandbox serves answers in the shape GitHub's OpenAPI description gives for it,
 * successes and the error responses autosync relies on alike. A shape drifting from GitHub's would let
 * client tests pass against the sandbox and fail against api.github.com.
 */
class SandboxContractTest {

    private static GitHubSandbox sandbox;
    private static SandboxClient client;
    private static WebhookReceiver receiver;
    private static long installation;
    private static String token;

    @BeforeAll
    static void seed() {
        sandbox = GitHubSandbox.start();
        client = new SandboxClient(sandbox);
        receiver = WebhookReceiver.start(200);
        sandbox.webhooks().deliverTo(receiver.url(), "contract-secret");
        installation = sandbox.install("acme", "Organization");
        sandbox.createRepo(installation, "widgets");
        sandbox.push("acme/widgets", "main", "first", "second");
        sandbox.createBranch("acme/widgets", "feature", "main");
        sandbox.push("acme/widgets", "feature", "feature work");
        sandbox.actingAs("alice").openIssue("acme/widgets", "A bug", "It breaks", List.of("bug", "p1"));
        sandbox.assignIssue("acme/widgets", 1, "bob");
        sandbox.openPullRequest("acme/widgets", "A feature", "feature", "main", "Adds it", true);
        sandbox.closeIssue("acme/widgets", 1);
        sandbox.suspend(sandbox.install("suspended-org", "Organization"));
        token = client.token(installation);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
        receiver.close();
    }

    @ParameterizedTest(name = "{0} {1} -> {3}")
    @CsvSource({
        "GET, /app/installations, app, 200",
        "GET, /app/installations/{installation}, app, 200",
        "GET, /app/installations/999999, app, 404",
        "POST, /app/installations/{installation}/access_tokens, app, 201",
        "GET, /app/hook/deliveries, app, 200",
        "POST, /app/hook/deliveries/{delivery}/attempts, app, 202",
        "GET, /installation/repositories, token, 200",
        "GET, /repos/acme/widgets, token, 200",
        "GET, /repos/acme/missing, token, 404",
        "GET, /repos/acme/widgets/commits?sha=feature&per_page=2, token, 200",
        "GET, /repos/acme/widgets/issues?state=all&since=2000-01-01T00:00:00Z, token, 200",
        "GET, /repos/acme/widgets/pulls?state=all&sort=updated&direction=desc, token, 200",
        "GET, /repos/acme/widgets/compare/main...feature, token, 200",
        "GET, /repos/acme/widgets/compare/main...nowhere, token, 404",
        "GET, /repos/acme/widgets/commits?since=2000-01-01T00:00:00Z&until=2100-01-01T00:00:00Z, token, 200",
        "GET, /search/issues?q=org:acme+updated:%3E=2000-01-01T00:00:00Z&sort=updated&order=desc&per_page=100, token, 200",
        "GET, /search/issues?q=org:acme+is:pr, token, 200",
        "GET, /search/issues?q=org:acme&per_page=100&page=11, token, 422",
        "GET, /search/issues?q=org:nobody-at-all, token, 422",
    })
    void sandboxResponse_matchesGitHubsOpenApiDescription(String method, String path, String auth, int status) {
        // GIVEN a seeded sandbox
        String resolved = path.replace("{installation}", Long.toString(installation))
                .replace("{delivery}", Long.toString(sandbox.webhooks().deliveries().get(0).id()));

        // WHEN the endpoint is called
        HttpResponse<String> response = client.send(method, resolved,
                "app".equals(auth) ? client.jwt() : token, Map.of());

        // THEN it answers with the expected status, in GitHub's shape
        assertEquals(status, response.statusCode(), response.body());
        ValidationReport report = GitHubOpenApi.validate(method, URI.create(resolved).getPath(), response);
        assertFalse(report.hasErrors(), () -> resolved + ": " + report.getMessages());
    }

    /**
     * {@code GET /repositories/{id}} is not in GitHub's description, but answers the same full repository
     * as {@code GET /repos/{owner}/{repo}}: held to that schema.
     */
    @Test
    void repositoryById_matchesTheRepositorySchema() {
        long id = SandboxClient.json(client.get("/repos/acme/widgets", token)).get("id").asLong();

        HttpResponse<String> response = client.get("/repositories/" + id, token);

        assertEquals(200, response.statusCode(), response.body());
        ValidationReport report = GitHubOpenApi.validate("GET", "/repos/acme/widgets", response);
        assertFalse(report.hasErrors(), () -> report.getMessages().toString());
    }

    @Test
    void spentSearchBudget_answersGitHubsForbiddenShape() {
        long other = sandbox.install("searcher", "Organization");
        String searcher = client.token(other);
        for (int i = 0; i < RateBudgets.SEARCH_LIMIT; i++) {
            client.get("/search/issues?q=org:searcher", searcher);
        }

        HttpResponse<String> response = client.get("/search/issues?q=org:searcher", searcher);

        assertEquals(403, response.statusCode());
        ValidationReport report = GitHubOpenApi.validate("GET", "/search/issues", response);
        assertFalse(report.hasErrors(), () -> report.getMessages().toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/installation/repositories", "/repos/acme/widgets/issues?state=all"})
    void notModifiedResponse_matchesGitHubsOpenApiDescription(String path) {
        // GIVEN a listing's ETag
        String etag = client.get(path, token).headers().firstValue("ETag").orElseThrow();

        // WHEN it is asked for again with If-None-Match
        HttpResponse<String> response = client.send("GET", path, token, Map.of("If-None-Match", etag));

        // THEN the answer is a bodiless 304
        assertEquals(304, response.statusCode());
        assertTrue(response.body().isEmpty());
    }
}
