package dev.autosync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autosync.standins.ProjectRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** GitHub's example webhook payloads from {@code @octokit/webhooks-examples} (pinned), loaded once. */
final class WebhookExamples {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile JsonNode index;

    private WebhookExamples() {
    }

    /** Examples of {@code event}: those with {@code action} first, then the event's other examples. */
    static List<JsonNode> of(String event, String action) {
        List<JsonNode> exact = new ArrayList<>();
        List<JsonNode> others = new ArrayList<>();
        for (JsonNode entry : index()) {
            if (entry.path("name").asText().equals(event)) {
                entry.path("examples").forEach(example ->
                        (action == null || action.equals(example.path("action").asText(null)) ? exact : others).add(example));
            }
        }
        exact.addAll(others);
        return exact;
    }

    private static JsonNode index() {
        if (index == null) {
            try {
                index = JSON.readTree(ProjectRoot.nodeModules("@octokit/webhooks-examples")
                        .resolve("@octokit/webhooks-examples/api.github.com/index.json").toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read @octokit/webhooks-examples", e);
            }
        }
        return index;
    }
}
