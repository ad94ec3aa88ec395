package dev.autosync.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.common.Json;
import dev.autosync.standins.ProjectRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** GitHub's own example payloads, from the pinned npm package {@code @octokit/webhooks-examples}. */
final class GitHubExamples {

    /** One example delivery: the event name, its action (if any) and the payload as GitHub would send it. */
    record Example(String event, String action, int index, String payload) {
        @Override
        public String toString() {
            return event + (action.isEmpty() ? "" : "." + action) + "#" + index;
        }
    }

    private static JsonNode index;

    private GitHubExamples() {
    }

    /** Every example of the given events, pretty-printed so byte-identity cannot come from re-serialising. */
    static List<Example> of(Set<String> events) {
        List<Example> examples = new ArrayList<>();
        for (JsonNode event : index()) {
            String name = event.path("name").asText();
            if (!events.contains(name)) {
                continue;
            }
            int i = 0;
            for (JsonNode example : event.path("examples")) {
                String payload;
                try {
                    payload = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(example);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                examples.add(new Example(name, example.path("action").asText(""), i++, payload));
            }
        }
        return examples;
    }

    static Example first(String event) {
        return of(Set.of(event)).get(0);
    }

    private static synchronized JsonNode index() {
        if (index == null) {
            Path file = ProjectRoot.nodeModules("@octokit/webhooks-examples")
                    .resolve("@octokit/webhooks-examples/api.github.com/index.json");
            try {
                index = Json.mapper().readTree(file.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return index;
    }
}
