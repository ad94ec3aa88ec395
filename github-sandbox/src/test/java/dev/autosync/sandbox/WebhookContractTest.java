package dev.autosync.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The webhooks the sandbox sends look like GitHub's: its headers and signature, and for every field
 * autosync reads, presence and JSON type as in GitHub's example payloads.
 */
class WebhookContractTest {

    private static final String SECRET = "webhook-contract-secret";
    private static final List<String> COMMON = List.of("installation.id", "repository.id", "repository.node_id",
            "repository.name", "repository.full_name", "repository.owner.login", "repository.owner.id",
            "repository.owner.type", "repository.private", "repository.default_branch", "repository.archived",
            "repository.updated_at", "sender.login", "sender.id");
    private static final Map<String, List<String>> READ = Map.of(
            "installation", List.of("action", "installation.id", "installation.account.login", "installation.account.id",
                    "installation.account.type", "installation.suspended_at", "installation.app_id",
                    "repositories", "sender.login"),
            "repository", List.of("action"),
            "installation_repositories", List.of("action", "installation.id", "installation.account.login",
                    "repository_selection", "repositories_added", "repositories_removed", "sender.login"),
            "push", List.of("ref", "before", "after", "created", "deleted", "forced", "commits.0.id",
                    "commits.0.message", "commits.0.timestamp", "commits.0.author.name", "commits.0.author.email",
                    "commits.0.author.username", "head_commit.id", "repository.pushed_at", "repository.created_at"),
            "issues", List.of("action", "issue.id", "issue.node_id", "issue.number", "issue.title", "issue.state",
                    "issue.user.login", "issue.labels", "issue.created_at", "issue.updated_at", "issue.closed_at"),
            "pull_request", List.of("action", "number", "pull_request.id", "pull_request.number", "pull_request.title",
                    "pull_request.state", "pull_request.user.login", "pull_request.merged", "pull_request.merged_at",
                    "pull_request.head.ref", "pull_request.head.sha", "pull_request.base.ref",
                    "pull_request.created_at", "pull_request.updated_at", "pull_request.closed_at"));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static GitHubSandbox sandbox;
    private static WebhookReceiver receiver;

    @BeforeAll
    static void mutate() {
        sandbox = GitHubSandbox.start();
        receiver = WebhookReceiver.start(202);
        sandbox.webhooks().deliverTo(receiver.url(), SECRET);
        long installation = sandbox.install("acme", "Organization");
        sandbox.createRepo(installation, "widgets");
        sandbox.push("acme/widgets", "main", "first", "second");
        sandbox.createBranch("acme/widgets", "feature", "main");
        sandbox.push("acme/widgets", "feature", "feature work");
        int issue = sandbox.openIssue("acme/widgets", "A bug");
        sandbox.closeIssue("acme/widgets", issue);
        int pull = sandbox.openPullRequest("acme/widgets", "A feature", "feature", "main");
        sandbox.mergePullRequest("acme/widgets", pull);
        sandbox.editIssue("acme/widgets", issue, "A bug, retitled", "Steps to reproduce", List.of("bug"));
        int spam = sandbox.openIssue("acme/widgets", "Spam", "buy now", List.of("spam"));
        sandbox.deleteIssue("acme/widgets", spam);
        sandbox.forcePush("acme/widgets", "main", 1, "rewritten");
        sandbox.setDefaultBranch("acme/widgets", "feature");
        sandbox.archiveRepo("acme/widgets", true);
        long other = sandbox.install("globex", "Organization");
        sandbox.createRepo(other, "tools");
        sandbox.removeRepoFromInstallation(other, "globex/tools");
        sandbox.addRepoToInstallation(other, "globex/tools");
        sandbox.transferRepo("globex/tools", installation);
        sandbox.renameRepo("acme/widgets", "gadgets");
        sandbox.suspend(installation);
        sandbox.deleteRepo("acme/gadgets");
        sandbox.uninstall(installation);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
        receiver.close();
    }

    static Stream<Arguments> deliveries() {
        return receiver.received().stream().map(r -> Arguments.of(r.header("X-GitHub-Event") + "." + action(r), r));
    }

    @Test
    void everyMutation_sendsOneDelivery_recordedAsSucceeded() {
        // installation created, repository created, 2 pushes, issue opened/closed, PR opened/closed,
        // issue edited + labeled, issue opened/deleted, forced push, default branch edited, archived,
        // installation created, repository created, installation_repositories removed/added, transferred,
        // renamed, suspend, repository deleted, installation deleted.
        assertEquals(24, receiver.received().size());
        assertTrue(sandbox.webhooks().deliveries().stream().allMatch(d -> d.statusCode() == 202));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deliveries")
    void delivery_carriesGitHubsHeadersAndAValidSignature(String name, WebhookReceiver.Received received) {
        // GIVEN a delivery the sandbox sent
        // THEN it has GitHub's headers, and its signature is the HMAC of the body with the secret
        UUID.fromString(received.header("X-GitHub-Delivery"));
        assertTrue(received.header("User-Agent").startsWith("GitHub-Hookshot/"));
        assertEquals(Long.toString(sandbox.app().appId()), received.header("X-GitHub-Hook-Installation-Target-ID"));
        assertEquals("integration", received.header("X-GitHub-Hook-Installation-Target-Type"));
        assertTrue(received.header("X-GitHub-Hook-ID").matches("\\d+"));
        assertEquals("application/json", received.header("Content-Type"));
        assertEquals("sha256=" + Webhooks.sign(SECRET, received.body()), received.header("X-Hub-Signature-256"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deliveries")
    void payload_hasTheFieldsAutosyncReads_withGitHubsTypes(String name, WebhookReceiver.Received received) {
        // GIVEN a delivery and GitHub's examples of the same event (same action first)
        String event = received.header("X-GitHub-Event");
        JsonNode payload = parse(received.body());
        List<JsonNode> examples = WebhookExamples.of(event, payload.path("action").asText(null));

        // THEN every top-level key is one GitHub sends for the event
        for (Iterator<String> keys = payload.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            assertTrue(examples.stream().anyMatch(e -> e.has(key)), () -> event + " has no top-level '" + key + "' on GitHub");
        }
        // AND every field autosync reads is present, with the type GitHub's examples give it
        List<String> paths = "push".equals(event) ? READ.get(event)
                : Stream.concat(COMMON.stream(), READ.get(event).stream()).toList();
        boolean repositoryLess = "installation".equals(event) || "installation_repositories".equals(event);
        for (String path : repositoryLess ? READ.get(event) : paths) {
            JsonNode ours = at(payload, path);
            assertTrue(!ours.isMissingNode(), () -> name + " lacks " + path);
            List<JsonNode> theirs = examples.stream().map(e -> at(e, path)).filter(n -> !n.isMissingNode()).toList();
            if (theirs.isEmpty()) {
                fail("no GitHub example of " + event + " has " + path);
            }
            // Null in either is a nullable field (merged_at, closed_at): only two values compare types.
            theirs.stream().filter(n -> !n.isNull()).findFirst().filter(n -> !ours.isNull()).ifPresent(n ->
                    assertEquals(n.getNodeType(), ours.getNodeType(), () -> name + " " + path));
        }
    }

    @Test
    void newEvents_sayWhatChanged() {
        List<JsonNode> payloads = receiver.received().stream().map(r -> parse(r.body())).toList();
        JsonNode forced = payloads.stream().filter(p -> p.path("forced").asBoolean()).findFirst().orElseThrow();
        JsonNode edited = payloads.stream().filter(p -> "edited".equals(p.path("action").asText()) && p.has("issue")).findFirst().orElseThrow();
        JsonNode transferred = payloads.stream().filter(p -> "transferred".equals(p.path("action").asText())).findFirst().orElseThrow();
        JsonNode defaultBranch = payloads.stream().filter(p -> p.at("/changes/default_branch/from").isTextual()).findFirst().orElseThrow();

        assertEquals(1, forced.get("commits").size());
        assertEquals("A bug", edited.at("/changes/title/from").asText());
        assertEquals("Steps to reproduce", edited.at("/issue/body").asText());
        assertEquals("globex", transferred.at("/changes/owner/from/organization/login").asText());
        assertEquals("acme/tools", transferred.at("/repository/full_name").asText());
        assertEquals("main", defaultBranch.at("/changes/default_branch/from").asText());
        assertEquals("feature", defaultBranch.at("/repository/default_branch").asText());
    }

    @Test
    void renamedRepository_saysWhatTheOldNameWas() {
        JsonNode renamed = receiver.received().stream().map(r -> parse(r.body()))
                .filter(p -> "renamed".equals(p.path("action").asText())).findFirst().orElseThrow();
        assertEquals("widgets", renamed.at("/changes/repository/name/from").asText());
        assertEquals("acme/gadgets", renamed.at("/repository/full_name").asText());
    }

    private static String action(WebhookReceiver.Received received) {
        return parse(received.body()).path("action").asText("-");
    }

    private static JsonNode at(JsonNode node, String dotted) {
        return node.at("/" + dotted.replace('.', '/'));
    }

    private static JsonNode parse(byte[] body) {
        try {
            return JSON.readTree(new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
