package dev.autosync.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The control API on its own port: actions change what the REST API serves, and webhook modes stage failures. */
class ControlApiTest {

    private ControlRig rig;
    private GitHubSandbox sandbox;
    private SandboxClient client;
    private WebhookReceiver receiver;

    @BeforeEach
    void start() {
        rig = ControlRig.start(GitHubSandbox.start());
        sandbox = rig.sandbox();
        client = rig.client();
        receiver = rig.receiver();
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void controlApi_listensOnItsOwnLoopbackPort() {
        assertEquals("127.0.0.1", sandbox.controlUrl().getHost());
        assertFalse(sandbox.controlUrl().getPort() == sandbox.apiUrl().getPort());
    }

    @Test
    void actions_roundTripThroughState_andTheRestApi() {
        // GIVEN an installation made through the control API
        JsonNode installed = action(Map.of("type", "install", "account", "acme", "repositories", 2), 200);
        long installation = installed.get("installation_id").asLong();
        assertEquals(List.of("acme/repo-1", "acme/repo-2"), List.of(installed.at("/repositories/0").asText(), installed.at("/repositories/1").asText()));

        // WHEN the repository is pushed to, given an issue and a merged pull request, renamed and edited
        JsonNode pushed = action(Map.of("type", "push", "repository", "acme/repo-1", "commits", 2), 200);
        int issue = action(Map.of("type", "open_issue", "repository", "acme/repo-1", "title", "bug"), 200).get("number").asInt();
        action(Map.of("type", "edit_issue", "repository", "acme/repo-1", "number", issue, "title", "bug, retitled"), 200);
        action(Map.of("type", "close_issue", "repository", "acme/repo-1", "number", issue), 200);
        int pull = action(Map.of("type", "open_pull_request", "repository", "acme/repo-1", "title", "feature"), 200).get("number").asInt();
        action(Map.of("type", "merge_pull_request", "repository", "acme/repo-1", "number", pull), 200);
        action(Map.of("type", "rename_repository", "repository", "acme/repo-2", "name", "renamed"), 200);
        action(Map.of("type", "archive_repository", "repository", "acme/renamed"), 200);

        // THEN the state shows it
        JsonNode state = state().at("/installations/0");
        assertEquals(installation, state.get("id").asLong());
        assertEquals("acme", state.get("account").asText());
        assertFalse(state.get("suspended").asBoolean());
        JsonNode repo = state.at("/repositories/0");
        assertEquals("acme/repo-1", repo.get("full_name").asText());
        assertEquals("main", repo.get("default_branch").asText());
        assertEquals(ControlActions.SEED_COMMITS + 2 + 2, repo.get("commits").size(), "seeded, pushed, PR commit and merge commit");
        assertEquals(pushed.at("/shas/1").asText(), repo.at("/commits/2").asText());
        assertEquals("bug, retitled", repo.at("/issues/0/title").asText());
        assertEquals("closed", repo.at("/issues/0/state").asText());
        assertTrue(repo.at("/pull_requests/0/merged").asBoolean());
        assertEquals("acme/renamed", state.at("/repositories/1/full_name").asText());
        assertTrue(state.at("/repositories/1/archived").asBoolean());

        // AND the REST API agrees
        String token = client.token(installation);
        JsonNode commits = SandboxClient.json(client.get("/repos/acme/repo-1/commits?per_page=100", token));
        assertEquals(repo.at("/commits/0").asText(), commits.at("/0/sha").asText());

        // AND deleting the issue and removing a repository show too
        action(Map.of("type", "delete_issue", "repository", "acme/repo-1", "number", issue), 200);
        action(Map.of("type", "remove_repository", "installation_id", installation, "repository", "acme/renamed"), 200);
        JsonNode after = state().at("/installations/0/repositories");
        assertEquals(1, after.size());
        assertEquals(0, after.at("/0/issues").size());
        assertEquals(404, client.get("/repos/acme/renamed", token).statusCode());
    }

    @Test
    void install_withGitHubsIds_createsEmptyRepositoriesAsRecorded() {
        JsonNode installed = action(Map.of("type", "install", "account", "octo-org", "installation_id", 98765432,
                "repositories", List.of(Map.of("id", 55501, "full_name", "octo-org/recorded", "created_at", "2023-01-02T03:04:05Z"))), 200);

        assertEquals(98765432, installed.get("installation_id").asLong());
        JsonNode repo = SandboxClient.json(client.get("/repositories/55501", client.token(98765432)));
        assertEquals("octo-org/recorded", repo.get("full_name").asText());
        assertEquals("2023-01-02T03:04:05Z", repo.get("created_at").asText());
        assertEquals(0, state().at("/installations/0/repositories/0/commits").size());
    }

    @Test
    void missedWebhook_isListedAsFailed_andRedeliveryRepairsIt() throws InterruptedException {
        long installation = action(Map.of("type", "install", "account", "acme", "repositories", 1), 200).get("installation_id").asLong();
        int before = receiver.received().size();

        action(Map.of("type", "open_issue", "repository", "acme/repo-1", "title", "lost", "webhook", "miss"), 200);

        assertEquals(before, receiver.received().size(), "a missed webhook is not sent");
        JsonNode listed = SandboxClient.json(client.get("/app/hook/deliveries", client.jwt())).get(0);
        assertEquals("issues", listed.get("event").asText());
        assertTrue(listed.get("status_code").asInt() < 200 || listed.get("status_code").asInt() >= 300);
        assertEquals(202, client.send("POST", "/app/hook/deliveries/" + listed.get("id").asLong() + "/attempts",
                client.jwt(), Map.of()).statusCode());
        for (int i = 0; i < 200 && receiver.received().size() == before; i++) {
            Thread.sleep(10);
        }
        assertEquals(before + 1, receiver.received().size());
        assertEquals(listed.get("guid").asText(), receiver.received().get(before).header("X-GitHub-Delivery"));
        assertEquals(installation, SandboxClient.json(receiver.received().get(before).body()).at("/installation/id").asLong());
    }

    @Test
    void droppedWebhook_isNeitherSentNorRecorded() {
        action(Map.of("type", "install", "account", "acme", "repositories", 1), 200);
        int sent = receiver.received().size();
        int recorded = sandbox.webhooks().deliveries().size();

        action(Map.of("type", "push", "repository", "acme/repo-1", "commits", 1, "webhook", "drop"), 200);
        action(Map.of("type", "delete_repository", "repository", "acme/repo-1", "webhook", "drop"), 200);

        assertEquals(sent, receiver.received().size());
        assertEquals(recorded, sandbox.webhooks().deliveries().size());
        assertEquals(0, state().at("/installations/0/repositories").size());
    }

    @Test
    void javaWebhookModes_applyToTheirMutationsOnly() {
        long installation = sandbox.install("acme", "Organization");
        sandbox.withWebhooks(WebhookMode.DROP, () -> sandbox.createRepo(installation, "quiet"));
        WebhookMode previous = sandbox.webhookMode(WebhookMode.MISS);
        sandbox.push("acme/quiet", "main", "missed");
        sandbox.webhookMode(previous);
        sandbox.push("acme/quiet", "main", "delivered");

        List<Delivery> deliveries = sandbox.webhooks().deliveries();
        assertEquals(WebhookMode.DELIVER, previous);
        assertEquals(List.of("installation", "push", "push"), deliveries.stream().map(Delivery::event).toList());
        assertEquals(Delivery.MISSED, deliveries.get(1).status());
        assertTrue(deliveries.get(2).succeeded());
    }

    @Test
    void badInput_is400_unknownRepositoryIs404_withAMessage() {
        assertTrue(action(Map.of("type", "push", "repository", "acme/none", "commits", 1), 404).get("message").asText().contains("acme/none"));
        assertTrue(action(Map.of("type", "levitate"), 400).get("message").asText().contains("levitate"));
        assertTrue(action(Map.of("type", "open_issue", "repository", "acme/none"), 400).get("message").asText().contains("title"));
        assertTrue(action(Map.of("type", "install", "account", "acme", "webhook", "sometimes"), 400).get("message").asText().contains("webhook"));
        assertTrue(action(Map.of("type", "push", "repository", "acme/none", "commits", "many"), 400).get("message").asText().contains("commits"));
        HttpResponse<String> notJson = post("{not json");
        assertEquals(400, notJson.statusCode());
        assertTrue(SandboxClient.json(notJson).get("message").asText().contains("JSON"));
        assertFalse(notJson.body().contains("\tat "), "never a stack trace");
    }

    private JsonNode state() {
        return client.state();
    }

    private JsonNode action(Map<String, Object> action, int status) {
        return client.action(action, status);
    }

    private HttpResponse<String> post(String body) {
        return client.postAction(body);
    }
}
