package dev.autosync.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The REST behaviour the sync engine relies on, over real HTTP, on a hand-moved clock. */
class SyncSupportTest {

    private static final Instant START = Instant.parse("2024-05-01T10:00:00Z");

    private ManualClock clock;
    private GitHubSandbox sandbox;
    private SandboxClient client;
    private long installation;
    private String token;

    @BeforeEach
    void start() {
        clock = new ManualClock(START);
        sandbox = GitHubSandbox.start(clock);
        client = new SandboxClient(sandbox);
        installation = sandbox.install("acme", "Organization");
        sandbox.createRepo(installation, "widgets");
        token = client.token(installation);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void everyResponse_carriesAnRfc1123DateFromTheSandboxClock() {
        // Removals are versioned with this header, so it must follow the test's clock, not the wall clock.
        clock.advance(Duration.ofDays(3));
        for (HttpResponse<String> response : List.of(client.get("/repos/acme/widgets", token),
                client.get("/repos/acme/nothing", token), client.get("/installation/repositories", "bad"))) {
            String date = response.headers().firstValue("Date").orElseThrow();
            assertEquals(START.plus(Duration.ofDays(3)), ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant(), date);
        }
    }

    @Test
    void repositoryById_followsRenamesAndTransfers_andIsGoneWhenDeletedOrRemoved() {
        long other = sandbox.install("globex", "Organization");
        long id = repoId("acme/widgets");
        sandbox.renameRepo("acme/widgets", "gadgets");
        assertEquals("acme/gadgets", SandboxClient.json(client.get("/repositories/" + id, token)).get("full_name").asText());

        sandbox.transferRepo("acme/gadgets", other);
        assertEquals(404, client.get("/repositories/" + id, token).statusCode());
        JsonNode moved = SandboxClient.json(client.get("/repositories/" + id, client.token(other)));
        assertEquals("globex/gadgets", moved.get("full_name").asText());
        assertEquals(id, moved.get("id").asLong());

        sandbox.removeRepoFromInstallation(other, "globex/gadgets");
        assertEquals(404, client.get("/repositories/" + id, client.token(other)).statusCode());
        sandbox.addRepoToInstallation(other, "globex/gadgets");
        assertEquals(200, client.get("/repositories/" + id, client.token(other)).statusCode());
        sandbox.deleteRepo("globex/gadgets");
        assertEquals(404, client.get("/repositories/" + id, client.token(other)).statusCode());
    }

    @Test
    void commits_honourShaSinceAndUntil_newestFirst() {
        List<String> early = sandbox.push("acme/widgets", "main", "one", "two");
        clock.advance(Duration.ofHours(1));
        List<String> late = sandbox.push("acme/widgets", "main", "three");
        sandbox.createBranch("acme/widgets", "topic", "main");
        clock.advance(Duration.ofHours(1));
        List<String> topic = sandbox.push("acme/widgets", "topic", "four");

        assertEquals(List.of(late.get(0), early.get(1), early.get(0)), shas("/repos/acme/widgets/commits"));
        assertEquals(List.of(late.get(0)), shas("/repos/acme/widgets/commits?since=2024-05-01T10:30:00Z"));
        assertEquals(List.of(early.get(1), early.get(0)), shas("/repos/acme/widgets/commits?until=2024-05-01T10:30:00Z"));
        assertEquals(List.of(topic.get(0)), shas("/repos/acme/widgets/commits?sha=topic&since=2024-05-01T11:30:00Z"));
        assertEquals(List.of(early.get(1), early.get(0)), shas("/repos/acme/widgets/commits?sha=" + early.get(1)));
    }

    @Test
    void issues_since_sortUpdated_andPullRequestsCarryAPullRequestKey() {
        sandbox.push("acme/widgets", "main", "base");
        sandbox.createBranch("acme/widgets", "topic", "main");
        int first = sandbox.openIssue("acme/widgets", "first");
        clock.advance(Duration.ofMinutes(5));
        int pull = sandbox.openPullRequest("acme/widgets", "a change", "topic", "main");
        clock.advance(Duration.ofMinutes(5));
        sandbox.editIssue("acme/widgets", first, "first, edited");

        token = client.token(installation);
        JsonNode created = SandboxClient.json(client.get("/repos/acme/widgets/issues?state=all", token));
        JsonNode updated = SandboxClient.json(client.get("/repos/acme/widgets/issues?state=all&sort=updated&direction=desc", token));
        JsonNode since = SandboxClient.json(client.get("/repos/acme/widgets/issues?state=all&since=2024-05-01T10:07:00Z", token));

        assertEquals(List.of(pull, first), numbers(created));
        assertEquals(List.of(first, pull), numbers(updated));
        assertEquals(List.of(first), numbers(since));
        assertTrue(created.get(0).has("pull_request") && !created.get(1).has("pull_request"));
    }

    @Test
    void search_filtersByQualifiers_overVisibleRepositoriesOnly() {
        sandbox.push("acme/widgets", "main", "base");
        sandbox.createBranch("acme/widgets", "topic", "main");
        sandbox.openIssue("acme/widgets", "old issue");
        clock.advance(Duration.ofHours(1));
        int fresh = sandbox.openIssue("acme/widgets", "fresh issue");
        clock.advance(Duration.ofMinutes(1));
        int pull = sandbox.openPullRequest("acme/widgets", "fresh PR", "topic", "main");
        long other = sandbox.install("globex", "Organization");
        sandbox.createRepo(other, "secret");
        sandbox.openIssue("globex/secret", "not ours");
        token = client.token(installation);

        JsonNode recent = search("org:acme+updated:>=2024-05-01T10:30:00Z&sort=updated&order=desc&per_page=100");
        JsonNode prs = search("user:acme+is:pr");
        JsonNode issues = search("repo:acme/widgets+is:issue+updated:>2024-05-01T10:59:59Z");
        JsonNode everything = search("is:open");

        assertEquals(2, recent.get("total_count").asInt());
        assertFalse(recent.get("incomplete_results").asBoolean());
        assertEquals(List.of(pull, fresh), numbers(recent.get("items")));
        JsonNode item = recent.at("/items/0");
        assertEquals(sandbox.apiUrl() + "/repos/acme/widgets", item.get("repository_url").asText());
        assertTrue(item.get("pull_request").isObject() && item.has("updated_at") && item.has("title") && item.has("state"));
        assertEquals(List.of(pull), numbers(prs.get("items")));
        assertEquals(List.of(fresh), numbers(issues.get("items")));
        assertEquals(3, everything.get("total_count").asInt(), "globex's issue is not visible to acme's token");
        assertEquals(422, client.get("/search/issues?q=org:nobody-here", token).statusCode());
    }

    @Test
    void search_isChargedToItsOwnBudget_notCore() {
        long core = sandbox.pointsSpent(installation);
        HttpResponse<String> first = client.get("/search/issues?q=org:acme", token);
        for (int i = 1; i < 30; i++) {
            assertEquals(200, client.get("/search/issues?q=org:acme", token).statusCode());
        }
        HttpResponse<String> spent = client.get("/search/issues?q=org:acme", token);

        assertEquals("search", first.headers().firstValue("X-RateLimit-Resource").orElseThrow());
        assertEquals("30", first.headers().firstValue("X-RateLimit-Limit").orElseThrow());
        assertEquals("29", first.headers().firstValue("X-RateLimit-Remaining").orElseThrow());
        assertEquals(START.plus(Duration.ofMinutes(1)).getEpochSecond(),
                Long.parseLong(first.headers().firstValue("X-RateLimit-Reset").orElseThrow()));
        assertEquals(403, spent.statusCode());
        assertEquals("0", spent.headers().firstValue("X-RateLimit-Remaining").orElseThrow());
        assertEquals(core, sandbox.pointsSpent(installation), "search spends no core points");
        assertEquals(30, sandbox.searchRequests(installation));
        assertEquals("core", client.get("/repos/acme/widgets", token).headers().firstValue("X-RateLimit-Resource").orElseThrow());

        clock.advance(Duration.ofMinutes(1));
        assertEquals(200, client.get("/search/issues?q=org:acme", token).statusCode());
    }

    @Test
    void search_servesAtMostTheFirst1000Results() {
        for (int i = 0; i < 1001; i++) {
            sandbox.openIssue("acme/widgets", "issue " + i);
        }
        HttpResponse<String> tenth = client.get("/search/issues?q=org:acme&per_page=100&page=10", token);
        HttpResponse<String> eleventh = client.get("/search/issues?q=org:acme&per_page=100&page=11", token);
        HttpResponse<String> first = client.get("/search/issues?q=org:acme&per_page=100", token);

        assertEquals(200, tenth.statusCode());
        assertEquals(1001, SandboxClient.json(tenth).get("total_count").asInt());
        assertEquals(100, SandboxClient.json(tenth).get("items").size());
        assertEquals(422, eleventh.statusCode());
        assertTrue(first.headers().firstValue("Link").orElseThrow().contains("page=10>; rel=\"last\""));
    }

    @Test
    void restShapes_carryTheFieldsWebhooksCarry_withTheSameValues() {
        try (WebhookReceiver receiver = WebhookReceiver.start(200)) {
            sandbox.webhooks().deliverTo(receiver.url(), "s");
            List<String> shas = sandbox.push("acme/widgets", "main", "base");
            sandbox.createBranch("acme/widgets", "topic", "main");
            int issue = sandbox.openIssue("acme/widgets", "bug", "it breaks", List.of("bug", "p1"));
            sandbox.assignIssue("acme/widgets", issue, "alice");
            sandbox.closeIssue("acme/widgets", issue);
            int pull = sandbox.openPullRequest("acme/widgets", "fix", "topic", "main", "fixes it", true);
            sandbox.archiveRepo("acme/widgets", true);

            List<JsonNode> payloads = new ArrayList<>();
            receiver.received().forEach(r -> payloads.add(SandboxClient.json(r.body())));
            JsonNode closed = payloads.stream().filter(p -> "closed".equals(p.path("action").asText())).findFirst().orElseThrow();
            JsonNode opened = payloads.stream().filter(p -> p.has("pull_request")).findFirst().orElseThrow();
            JsonNode archived = payloads.get(payloads.size() - 1);
            JsonNode pushed = payloads.stream().filter(p -> p.has("head_commit")).findFirst().orElseThrow();

            JsonNode restIssue = SandboxClient.json(client.get("/repos/acme/widgets/issues?state=closed", token)).get(0);
            for (String field : List.of("title", "body", "state", "state_reason", "comments", "html_url", "closed_at",
                    "updated_at", "labels", "assignees")) {
                assertEquals(closed.at("/issue/" + field), restIssue.get(field), field);
            }
            assertEquals(List.of("bug", "p1"), restIssue.get("labels").findValuesAsText("name"));
            assertEquals("alice", restIssue.at("/assignees/0/login").asText());
            assertEquals("completed", restIssue.get("state_reason").asText());

            JsonNode restPull = SandboxClient.json(client.get("/repos/acme/widgets/pulls?state=all", token)).get(0);
            assertEquals(pull, restPull.get("number").asInt());
            for (String field : List.of("body", "draft", "merged_at", "html_url")) {
                assertEquals(opened.at("/pull_request/" + field), restPull.get(field), field);
            }
            assertEquals("topic", restPull.at("/head/ref").asText());
            assertEquals("main", restPull.at("/base/ref").asText());

            JsonNode restRepo = SandboxClient.json(client.get("/repos/acme/widgets", token));
            for (String field : List.of("node_id", "html_url", "description", "language", "disabled", "archived",
                    "visibility", "private", "default_branch", "pushed_at", "updated_at")) {
                assertEquals(archived.at("/repository/" + field), restRepo.get(field), field);
            }
            assertTrue(restRepo.get("archived").asBoolean());

            JsonNode restCommit = SandboxClient.json(client.get("/repos/acme/widgets/commits", token)).get(0);
            JsonNode pushCommit = pushed.at("/commits/0");
            assertEquals(shas.get(0), restCommit.get("sha").asText());
            assertEquals(pushCommit.at("/committer/name"), restCommit.at("/commit/committer/name"));
            assertEquals(pushCommit.at("/committer/email"), restCommit.at("/commit/committer/email"));
            assertEquals(pushCommit.get("timestamp"), restCommit.at("/commit/committer/date"));
            assertEquals(pushCommit.at("/committer/username"), restCommit.at("/committer/login"));
            assertEquals(pushCommit.get("url"), restCommit.get("html_url"));
        }
    }

    @Test
    void forcePush_dropsCommitsFromTheListing_andReinstallGetsANewIdThatSeesTheRepositories() {
        List<String> old = sandbox.push("acme/widgets", "main", "one", "two", "three");
        List<String> rewritten = sandbox.forcePush("acme/widgets", "main", 2, "two'");
        assertEquals(List.of(rewritten.get(0), old.get(0)), shas("/repos/acme/widgets/commits"));

        sandbox.uninstall(installation);
        long again = sandbox.install("acme", "Organization");

        assertFalse(again == installation);
        JsonNode listed = SandboxClient.json(client.get("/installation/repositories", client.token(again)));
        assertEquals("acme/widgets", listed.at("/repositories/0/full_name").asText());
    }

    private JsonNode search(String query) {
        HttpResponse<String> response = client.get("/search/issues?q=" + query.replace(">", "%3E").replace("<", "%3C"),
                client.token(installation));
        assertEquals(200, response.statusCode(), response.body());
        return SandboxClient.json(response);
    }

    private List<String> shas(String path) {
        HttpResponse<String> response = client.get(path, client.token(installation));
        assertEquals(200, response.statusCode(), response.body());
        return topLevel(SandboxClient.json(response), "sha");
    }

    private static List<String> topLevel(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.get(field).asText()));
        return values;
    }

    private static List<Integer> numbers(JsonNode array) {
        List<Integer> values = new ArrayList<>();
        array.forEach(n -> values.add(n.get("number").asInt()));
        return values;
    }

    private long repoId(String fullName) {
        return SandboxClient.json(client.get("/repos/" + fullName, token)).get("id").asLong();
    }
}
