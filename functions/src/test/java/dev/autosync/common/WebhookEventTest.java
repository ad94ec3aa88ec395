package dev.autosync.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.standins.ProjectRoot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Holds {@link WebhookEvent} to GitHub's published webhook schemas (the {@code x-webhooks} of the pinned
 * {@code @octokit/openapi}) and to its example payloads ({@code @octokit/webhooks-examples}). A wrong entry
 * would either reject genuine deliveries (a required key GitHub does not always send, a missing action, a
 * documented key refused) or let another event's body through.
 */
class WebhookEventTest {

    /** What GitHub's schemas say of one event, over all its actions. */
    private record Schema(Set<String> actions, Set<String> requiredByAll, Set<String> properties) {
    }

    private static Map<String, Schema> schemas;
    private static Map<String, List<JsonNode>> examples;

    @BeforeAll
    static void read() throws IOException {
        JsonNode api = Json.mapper().readTree(ProjectRoot.nodeModules("@octokit/openapi")
                .resolve("@octokit/openapi/generated/api.github.com.json").toFile());
        schemas = new HashMap<>();
        api.path("x-webhooks").forEach(webhook -> {
            JsonNode operation = webhook.path("post");
            String event = operation.path("x-github").path("subcategory").asText();
            JsonNode schema = resolve(api, operation.path("requestBody").path("content").path("application/json")
                    .path("schema"));
            // A few actions are described as alternatives (oneOf): each is a payload GitHub may send.
            Iterable<JsonNode> variants = schema.has("oneOf") ? schema.path("oneOf") : List.of(schema);
            for (JsonNode variant : variants) {
                JsonNode variantSchema = resolve(api, variant);
                Set<String> actions = new HashSet<>();
                resolve(api, variantSchema.path("properties").path("action")).path("enum")
                        .forEach(a -> actions.add(a.asText()));
                Set<String> required = new HashSet<>();
                variantSchema.path("required").forEach(r -> required.add(r.asText()));
                Set<String> properties = new HashSet<>();
                variantSchema.path("properties").fieldNames().forEachRemaining(properties::add);
                schemas.merge(event, new Schema(actions, required, properties), WebhookEventTest::merge);
            }
        });
        JsonNode index = Json.mapper().readTree(ProjectRoot.nodeModules("@octokit/webhooks-examples")
                .resolve("@octokit/webhooks-examples/api.github.com/index.json").toFile());
        examples = new HashMap<>();
        index.forEach(entry -> entry.path("examples").forEach(example ->
                examples.computeIfAbsent(entry.path("name").asText(), name -> new ArrayList<>()).add(example)));
    }

    @Test
    void everyKnownEvent_isOneGitHubPublishes() {
        for (WebhookEvent event : WebhookEvent.values()) {
            assertTrue(schemas.containsKey(event.wireName()), event + " is not in GitHub's webhook schemas");
        }
    }

    @Test
    void everyEventsActions_areExactlyTheActionsGitHubPublishesForIt() {
        for (WebhookEvent event : WebhookEvent.values()) {
            assertEquals(new TreeSet<>(schemas.get(event.wireName()).actions()), new TreeSet<>(event.actions()),
                    event.wireName());
        }
    }

    // Protects genuine deliveries: a key required here that GitHub leaves out of some payloads would reject them.
    @Test
    void everyRequiredKey_isRequiredByEveryActionsSchemaAndPresentInEveryExample() {
        for (WebhookEvent event : WebhookEvent.values()) {
            Schema schema = schemas.get(event.wireName());
            for (String key : event.requiredKeys()) {
                String topLevel = key.split("\\.")[0];
                assertTrue(schema.requiredByAll().contains(topLevel), event + "." + key + " is not required by GitHub");
                assertTrue(examples.getOrDefault(event.wireName(), List.of()).stream().allMatch(example ->
                        key.contains(".") ? example.path(topLevel).has(key.split("\\.")[1]) : example.has(key)),
                        event + "." + key + " is missing from one of GitHub's examples");
            }
        }
    }

    // Protects genuine deliveries: every key GitHub documents for an event is allowed in it; and only the
    // envelope is allowed beyond what GitHub documents.
    @Test
    void theKeysAnEventAllows_areTheKeysGitHubDocumentsForIt() {
        for (WebhookEvent event : WebhookEvent.values()) {
            Set<String> documented = schemas.get(event.wireName()).properties();
            for (String key : documented) {
                assertTrue(event.allowsKey(key), event + " refuses its documented key " + key);
            }
            for (String key : allKeysAnyEventDocuments()) {
                assertEquals(documented.contains(key) || WebhookEvent.ENVELOPE.contains(key), event.allowsKey(key),
                        event + " and " + key);
            }
        }
    }

    @Test
    void theSubjectsOfOtherEvents_areRefusedInInstallationAndRepositoryEvents() {
        for (WebhookEvent event : List.of(WebhookEvent.INSTALLATION, WebhookEvent.REPOSITORY)) {
            for (String key : List.of("issue", "pull_request", "comment", "review", "repositories_added",
                    "repositories_removed", "commits", "label", "starred_at", "member")) {
                assertFalse(event.allowsKey(key), event + " allows " + key);
            }
        }
    }

    @Test
    void names_resolveToTheirEventsAndNothingElse() {
        assertEquals(WebhookEvent.INSTALLATION_REPOSITORIES, WebhookEvent.named("installation_repositories").orElseThrow());
        assertTrue(WebhookEvent.named("Installation").isEmpty());
        assertTrue(WebhookEvent.named(null).isEmpty());
        assertEquals(WebhookEvent.values().length, WebhookEvent.NAMES.size());
    }

    private static Set<String> allKeysAnyEventDocuments() {
        Set<String> keys = new TreeSet<>();
        schemas.values().forEach(schema -> keys.addAll(schema.properties()));
        return keys;
    }

    private static Schema merge(Schema a, Schema b) {
        Set<String> actions = new HashSet<>(a.actions());
        actions.addAll(b.actions());
        Set<String> required = new HashSet<>(a.requiredByAll());
        required.retainAll(b.requiredByAll());
        Set<String> properties = new HashSet<>(a.properties());
        properties.addAll(b.properties());
        return new Schema(actions, required, properties);
    }

    private static JsonNode resolve(JsonNode api, JsonNode node) {
        String ref = node.path("$ref").asText("");
        if (ref.isEmpty()) {
            return node;
        }
        JsonNode target = api;
        for (String part : ref.substring(2).split("/")) {
            target = target.path(part);
        }
        return resolve(api, target);
    }
}
