package dev.autosync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autosync.common.Json;
import dev.autosync.standins.ProjectRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/** Realistic deliveries: GitHub's own example payloads with ids, times and commits varied. */
final class BenchPayloads {

    static final long INSTALLATION = 31337;
    /** The organisation the App is installed on: every repository is {@code bench/r<id>}. */
    static final String ACCOUNT = "bench";

    private final JsonNode push;
    private final JsonNode issue;
    private final JsonNode pull;
    private final JsonNode installation;

    BenchPayloads() {
        try {
            JsonNode index = Json.mapper().readTree(ProjectRoot.nodeModules("@octokit/webhooks-examples")
                    .resolve("@octokit/webhooks-examples/api.github.com/index.json").toFile());
            this.push = example(index, "push", e -> e.path("commits").size() > 0);
            this.issue = example(index, "issues", e -> "opened".equals(e.path("action").asText()));
            this.pull = example(index, "pull_request", e -> "opened".equals(e.path("action").asText()));
            this.installation = example(index, "installation", e -> "created".equals(e.path("action").asText()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A push of {@code commits} new commits by {@code authors} authors. */
    ObjectNode push(long repositoryId, String shaPrefix, int commits, int authors, Instant at) {
        ObjectNode payload = base(push, repositoryId, at);
        ((ObjectNode) payload.path("repository")).put("pushed_at", at.getEpochSecond());
        ArrayNode list = payload.putArray("commits");
        for (int i = 0; i < commits; i++) {
            ObjectNode commit = push.path("commits").get(0).deepCopy();
            String author = "dev" + (i % authors);
            commit.put("id", shaPrefix + "-" + i).put("timestamp", at.minusSeconds(commits - i).toString());
            ((ObjectNode) commit.path("author")).put("username", author).put("name", author)
                    .put("email", author + "@example.com");
            list.add(commit);
        }
        payload.set("head_commit", commits == 0 ? null : list.get(commits - 1));
        return payload;
    }

    ObjectNode issue(long repositoryId, int number, String action, Instant at) {
        ObjectNode payload = base(issue, repositoryId, at).put("action", action);
        ((ObjectNode) payload.path("issue")).put("id", repositoryId * 100_000 + number).put("number", number)
                .put("state", "closed".equals(action) ? "closed" : "open").put("updated_at", at.toString());
        return payload;
    }

    ObjectNode pull(long repositoryId, int number, String action, Instant at) {
        ObjectNode payload = base(pull, repositoryId, at).put("action", action);
        boolean closed = "closed".equals(action);
        ((ObjectNode) payload.path("pull_request")).put("id", repositoryId * 100_000 + number).put("number", number)
                .put("state", closed ? "closed" : "open").put("merged", closed)
                .put("merged_at", closed ? at.toString() : null).put("updated_at", at.toString());
        return payload;
    }

    /**
     * The App installed on organisation {@link #ACCOUNT} ({@link #INSTALLATION}) with these repositories.
     */
    ObjectNode installationCreated(java.util.List<Long> repositoryIds) {
        ObjectNode payload = installation.deepCopy();
        ObjectNode installed = (ObjectNode) payload.path("installation");
        installed.put("id", INSTALLATION);
        ((ObjectNode) installed.path("account")).put("login", ACCOUNT).put("type", "Organization");
        ArrayNode repositories = payload.putArray("repositories");
        for (long id : repositoryIds) {
            repositories.addObject().put("id", id).put("name", "r" + id).put("full_name", fullName(id))
                    .put("private", false);
        }
        return payload;
    }

    /** A star: an event autosync ignores, shaped as GitHub sends it (no issue: that is another event's subject). */
    ObjectNode star(long repositoryId, Instant at) {
        ObjectNode payload = base(issue, repositoryId, at).put("action", "created").put("starred_at", at.toString());
        payload.remove("issue");
        return payload;
    }

    static String fullName(long repositoryId) {
        return ACCOUNT + "/r" + repositoryId;
    }

    private static ObjectNode base(JsonNode template, long repositoryId, Instant at) {
        ObjectNode payload = template.deepCopy();
        payload.putObject("installation").put("id", INSTALLATION);
        // As on GitHub, a repository's updated_at does not move with its issues and pulls; pushes move pushed_at.
        ((ObjectNode) payload.path("repository")).put("id", repositoryId).put("full_name", fullName(repositoryId))
                .put("name", "r" + repositoryId).put("updated_at", "2025-12-01T00:00:00Z");
        return payload;
    }

    private static JsonNode example(JsonNode index, String event, java.util.function.Predicate<JsonNode> which) {
        for (JsonNode entry : index) {
            if (event.equals(entry.path("name").asText())) {
                for (JsonNode example : entry.path("examples")) {
                    if (which.test(example)) {
                        return example;
                    }
                }
            }
        }
        throw new IllegalStateException("no example of " + event);
    }
}
