package dev.autosync.processing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.common.Json;
import dev.autosync.standins.ProjectRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** GitHub's own example payloads, from the pinned {@code @octokit/webhooks-examples}. */
final class Examples {

    private static volatile JsonNode index;

    private Examples() {
    }

    /** Every example of an event, in the package's order. */
    static List<JsonNode> of(String event) {
        List<JsonNode> examples = ofAny(event);
        if (examples.isEmpty()) {
            throw new IllegalStateException("no examples of " + event);
        }
        return examples;
    }

    /** Every example of an event; none for the few events the package has no example of. */
    static List<JsonNode> ofAny(String event) {
        List<JsonNode> examples = new ArrayList<>();
        for (JsonNode entry : index()) {
            if (event.equals(entry.path("name").asText())) {
                entry.path("examples").forEach(examples::add);
            }
        }
        return examples;
    }

    static JsonNode first(String event, String action) {
        return of(event).stream().filter(e -> action == null || action.equals(e.path("action").asText()))
                .findFirst().orElseThrow(() -> new IllegalStateException("no example of " + event + "." + action))
                .deepCopy();
    }

    private static JsonNode index() {
        if (index == null) {
            try {
                index = Json.mapper().readTree(ProjectRoot.nodeModules("@octokit/webhooks-examples")
                        .resolve("@octokit/webhooks-examples/api.github.com/index.json").toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return index;
    }
}
