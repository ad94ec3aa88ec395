package dev.autosync.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The control API's actions for a convergence soak (issue 11): webhooks duplicated, held, delayed and
 * released out of order; reinstalls; API failures; rate limits spent and reset without waiting an hour;
 * and the state's full fields.
 */
class ControlFaultsTest {

    private ControlRig rig;

    @BeforeEach
    void start() {
        rig = ControlRig.start(GitHubSandbox.start());
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void duplicate_sendsTheDeliveryTwiceUnderOneGuid_andRecordsBothAttempts() {
        action(Map.of("type", "install", "account", "acme", "repositories", 1), 200);
        int before = rig.receiver().received().size();

        action(Map.of("type", "push", "repository", "acme/repo-1", "commits", 1, "webhook", "duplicate"), 200);

        List<WebhookReceiver.Received> sent = rig.receiver().received().subList(before, rig.receiver().received().size());
        assertEquals(2, sent.size());
        assertEquals(sent.get(0).header("X-GitHub-Delivery"), sent.get(1).header("X-GitHub-Delivery"));
        assertEquals(sent.get(0).header("X-Hub-Signature-256"), sent.get(1).header("X-Hub-Signature-256"));
        List<Delivery> recorded = rig.sandbox().webhooks().deliveries();
        assertEquals(recorded.get(recorded.size() - 1).guid(), recorded.get(recorded.size() - 2).guid());
    }

    @Test
    void held_areNeitherSentNorRecorded_untilReleasedInTheOrderAsked() {
        action(Map.of("type", "install", "account", "acme", "repositories", 1), 200);
        int sent = rig.receiver().received().size();
        int recorded = rig.sandbox().webhooks().deliveries().size();

        for (String title : List.of("first", "second", "third")) {
            action(Map.of("type", "open_issue", "repository", "acme/repo-1", "title", title, "webhook", "hold"), 200);
        }
        assertEquals(sent, rig.receiver().received().size(), "held: not sent");
        assertEquals(recorded, rig.sandbox().webhooks().deliveries().size(), "held: GitHub has not attempted it yet");

        assertEquals(3, action(Map.of("type", "release_deliveries", "order", "reverse"), 200).get("released").asInt());

        List<String> titles = rig.receiver().received().subList(sent, sent + 3).stream()
                .map(r -> SandboxClient.json(r.body()).at("/issue/title").asText()).toList();
        assertEquals(List.of("third", "second", "first"), titles);
        assertEquals(recorded + 3, rig.sandbox().webhooks().deliveries().size());
        assertEquals(0, action(Map.of("type", "release_deliveries"), 200).get("released").asInt(), "each is sent once");
    }

    @Test
    void delayed_isSentOnItsOwnLater_once() throws InterruptedException {
        action(Map.of("type", "install", "account", "acme", "repositories", 1), 200);
        int sent = rig.receiver().received().size();

        action(Map.of("type", "push", "repository", "acme/repo-1", "commits", 1, "webhook", "delay", "delay_ms", 300), 200);
        assertEquals(sent, rig.receiver().received().size(), "not yet");
        for (int i = 0; i < 500 && rig.receiver().received().size() == sent; i++) {
            Thread.sleep(10);
        }

        assertEquals(sent + 1, rig.receiver().received().size());
        assertEquals("push", rig.receiver().received().get(sent).header("X-GitHub-Event"));
        assertEquals(0, action(Map.of("type", "release_deliveries"), 200).get("released").asInt(), "no longer held");
    }

    @Test
    void reinstall_isANewInstallationOfTheSameAccount_withItsRepositories() {
        long first = action(Map.of("type", "install", "account", "acme", "repositories", 2), 200).get("installation_id").asLong();
        int sent = rig.receiver().received().size();

        JsonNode reinstalled = action(Map.of("type", "reinstall", "installation_id", first), 200);

        long second = reinstalled.get("installation_id").asLong();
        assertNotEquals(first, second, "GitHub gives a reinstall a new installation id");
        assertEquals(first, reinstalled.get("previous_installation_id").asLong());
        assertEquals(List.of("acme/repo-1", "acme/repo-2"), List.of(reinstalled.at("/repositories/0").asText(),
                reinstalled.at("/repositories/1").asText()));
        List<String> actions = rig.receiver().received().subList(sent, rig.receiver().received().size()).stream()
                .map(r -> SandboxClient.json(r.body()).path("action").asText()).toList();
        assertEquals(List.of("deleted", "created"), actions);
        JsonNode installations = state().path("installations");
        assertEquals(1, installations.size());
        assertEquals(second, installations.at("/0/id").asLong());
        assertEquals(2, installations.at("/0/repositories").size());
        assertTrue(action(Map.of("type", "reinstall", "installation_id", first), 404).get("message").asText().contains(Long.toString(first)));
    }

    @Test
    void failRequests_answersTheNextRequestsWithTheStatus_thenServesAgain() {
        long installation = action(Map.of("type", "install", "account", "acme", "repositories", 1), 200).get("installation_id").asLong();
        String token = rig.client().token(installation);

        assertEquals(2, action(Map.of("type", "fail_requests", "count", 2, "status", 503), 200).get("queued").asInt());

        assertEquals(503, rig.client().get("/repos/acme/repo-1", token).statusCode());
        assertEquals(503, rig.client().get("/repos/acme/repo-1", token).statusCode());
        assertEquals(200, rig.client().get("/repos/acme/repo-1", token).statusCode());
    }

    @Test
    void exhaustedRateLimit_resetsWhenAsked_orAtTheResetGiven() {
        long installation = action(Map.of("type", "install", "account", "acme", "repositories", 1), 200).get("installation_id").asLong();
        String token = rig.client().token(installation);

        JsonNode exhausted = action(Map.of("type", "exhaust_rate_limit", "installation_id", installation, "reset_in_seconds", 30), 200);

        HttpResponse<String> limited = rig.client().get("/repos/acme/repo-1", token);
        assertEquals(403, limited.statusCode());
        assertEquals("0", limited.headers().firstValue("x-ratelimit-remaining").orElseThrow());
        Instant resetAt = Instant.parse(exhausted.get("reset_at").asText());
        assertEquals(resetAt.getEpochSecond(), Long.parseLong(limited.headers().firstValue("x-ratelimit-reset").orElseThrow()));
        assertTrue(resetAt.isBefore(Instant.now().plusSeconds(31)), "the window ends when asked, not in an hour: " + resetAt);

        action(Map.of("type", "reset_rate_limit", "installation_id", installation), 200);
        assertEquals(200, rig.client().get("/repos/acme/repo-1", token).statusCode());
    }

    @Test
    void advanceClock_movesAManualClock_pastTheRateLimitReset() {
        stop();
        ManualClock clock = new ManualClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        rig = ControlRig.start(GitHubSandbox.start(clock));
        long installation = action(Map.of("type", "install", "account", "acme", "repositories", 1), 200).get("installation_id").asLong();
        String token = rig.client().token(installation);
        action(Map.of("type", "exhaust_rate_limit", "installation_id", installation, "reset_in_seconds", 600), 200);
        assertEquals(403, rig.client().get("/repos/acme/repo-1", token).statusCode());

        JsonNode moved = action(Map.of("type", "advance_clock", "seconds", 600), 200);

        assertEquals(clock.instant().toString(), moved.get("now").asText());
        assertEquals(200, rig.client().get("/repos/acme/repo-1", token).statusCode(), "a new window");
    }

    @Test
    void state_holdsTheFieldsTheApiServes_asTheRestApiAnswersThem() {
        long installation = action(Map.of("type", "install", "account", "acme", "repositories", 2), 200).get("installation_id").asLong();
        String token = rig.client().token(installation);
        action(Map.of("type", "open_issue", "repository", "acme/repo-1", "title", "bug", "body", "it breaks",
                "labels", List.of("p1")), 200);
        int pull = action(Map.of("type", "open_pull_request", "repository", "acme/repo-1", "title", "fix"), 200).get("number").asInt();
        action(Map.of("type", "merge_pull_request", "repository", "acme/repo-1", "number", pull), 200);
        action(Map.of("type", "remove_repository", "installation_id", installation, "repository", "acme/repo-2"), 200);

        JsonNode state = state().at("/installations/0");
        JsonNode repo = state.at("/repositories/0");
        JsonNode rest = SandboxClient.json(rig.client().get("/repos/acme/repo-1", token));

        assertEquals("selected", state.get("repository_selection").asText(), "a repository was removed by name");
        assertEquals(1, state.get("repositories").size());
        for (String field : List.of("id", "name", "full_name", "html_url", "default_branch", "created_at", "updated_at", "pushed_at")) {
            assertEquals(rest.get(field), repo.get(field), field);
        }
        assertEquals("acme", repo.get("owner").asText());
        JsonNode issue = repo.at("/issues/0");
        assertEquals("it breaks", issue.get("body").asText());
        assertEquals("p1", issue.at("/labels/0").asText());
        assertEquals("octocat", issue.get("author").asText());
        JsonNode merged = repo.at("/pull_requests/0");
        assertTrue(merged.get("merged").asBoolean());
        assertEquals("main", merged.get("base_ref").asText());
        assertTrue(merged.get("head_ref").asText().startsWith("topic-"), merged.toString());
        JsonNode commits = SandboxClient.json(rig.client().get("/repos/acme/repo-1/commits?per_page=100", token));
        JsonNode main = repo.at("/branches/main");
        assertEquals(commits.size(), main.size());
        assertEquals(commits.at("/0/sha"), main.at("/0/sha"));
        assertEquals(commits.at("/0/commit/message"), main.at("/0/message"));
        assertEquals(commits.at("/0/html_url"), main.at("/0/html_url"));
        assertEquals(repo.at("/commits/0"), main.at("/0/sha"), "commits: the default branch's SHAs, newest first");
    }

    @Test
    void badInput_is400_withAMessage_andUnknownInstallation404() {
        long installation = action(Map.of("type", "install", "account", "acme", "repositories", 1), 200).get("installation_id").asLong();
        assertTrue(message(Map.of("type", "fail_requests", "count", 2, "status", 404), 400).contains("status"));
        assertTrue(message(Map.of("type", "fail_requests"), 400).contains("count"));
        assertTrue(message(Map.of("type", "release_deliveries", "order", "sideways"), 400).contains("order"));
        assertTrue(message(Map.of("type", "push", "repository", "acme/repo-1", "commits", 1, "webhook", "delay",
                "delay_ms", -5), 400).contains("delay_ms"));
        assertTrue(message(Map.of("type", "exhaust_rate_limit", "installation_id", installation, "reset_in_seconds", 0), 400)
                .contains("reset_in_seconds"));
        assertTrue(message(Map.of("type", "advance_clock", "seconds", 60), 400).contains("system clock"));
        assertTrue(message(Map.of("type", "exhaust_rate_limit", "installation_id", 424242999), 404).contains("424242999"));
        assertTrue(message(Map.of("type", "reset_rate_limit", "installation_id", 424242999), 404).contains("424242999"));
    }

    private String message(Map<String, Object> action, int status) {
        return action(action, status).get("message").asText();
    }

    private JsonNode state() {
        return rig.client().state();
    }

    private JsonNode action(Map<String, Object> action, int status) {
        return rig.client().action(action, status);
    }
}
