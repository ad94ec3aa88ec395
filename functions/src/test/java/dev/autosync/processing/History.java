package dev.autosync.processing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autosync.common.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A scripted GitHub history built from GitHub's example payloads: every delivery gets a later GitHub
 * timestamp than the one before, as GitHub's own clock would give it.
 */
final class History {

    /** One webhook delivery. */
    record Delivery(String event, String id, JsonNode payload) {
    }

    static final long INSTALLATION = 4242;

    private final List<Delivery> deliveries = new ArrayList<>();
    private final Map<Long, String> names = new HashMap<>();
    private final Map<Long, Instant> pushedAt = new HashMap<>();
    /** A commit is the same commit in every push that carries it. */
    private final Map<String, Instant> authoredAt = new HashMap<>();
    private Instant now = Instant.parse("2025-06-01T10:00:00Z");

    List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    History installationCreated(long... repositoryIds) {
        ObjectNode payload = Examples.first("installation", "created").deepCopy();
        installation(payload, tick());
        ArrayNode repositories = payload.putArray("repositories");
        for (long id : repositoryIds) {
            names.putIfAbsent(id, "repo-" + id);
            repositories.addObject().put("id", id).put("name", names.get(id))
                    .put("full_name", "acme/" + names.get(id)).put("private", false);
        }
        return add("installation", payload);
    }

    /** Repositories added to or removed from the installation's selection. */
    History selection(String action, long repositoryId) {
        ObjectNode payload = Examples.first("installation_repositories", action).deepCopy();
        installation(payload, tick());
        names.putIfAbsent(repositoryId, "repo-" + repositoryId);
        ArrayNode added = payload.putArray("repositories_added");
        ArrayNode removed = payload.putArray("repositories_removed");
        ("added".equals(action) ? added : removed).addObject().put("id", repositoryId)
                .put("name", names.get(repositoryId)).put("full_name", "acme/" + names.get(repositoryId))
                .put("private", false);
        deliveries.add(new Delivery("installation_repositories", "d" + (deliveries.size() + 1) + "-selection", payload));
        return this;
    }

    History installationAction(String action) {
        ObjectNode payload = Examples.first("installation", action).deepCopy();
        Instant at = tick();
        installation(payload, at);
        ((ObjectNode) payload.path("installation")).put("suspended_at", "suspend".equals(action) ? at.toString() : null);
        return add("installation", payload);
    }

    History repository(String action, long id) {
        ObjectNode payload = Examples.first("repository", "created").deepCopy();
        names.putIfAbsent(id, "repo-" + id);
        payload.set("repository", repositoryNode(id, tick(), false));
        return add("repository", payload.put("action", action));
    }

    History renamed(long id, String newName) {
        names.put(id, newName);
        return repository("renamed", id);
    }

    /** A push of commits (sha, author login or null, author e-mail) to a branch. */
    History push(long repositoryId, String branch, boolean forced, String... commits) {
        ObjectNode payload = Examples.of("push").stream().filter(p -> p.path("commits").size() > 0)
                .findFirst().orElseThrow().deepCopy();
        Instant at = tick();
        pushedAt.put(repositoryId, at);
        payload.put("ref", "refs/heads/" + branch).put("forced", forced).put("created", false).put("deleted", false);
        ArrayNode list = payload.putArray("commits");
        for (int i = 0; i < commits.length; i += 3) {
            ObjectNode commit = list.addObject().put("id", commits[i]).put("message", "change " + commits[i])
                    .put("timestamp", authoredAt.computeIfAbsent(commits[i], sha -> at.minusSeconds(60)).toString()).put("url", "https://github.com/c/" + commits[i]);
            ObjectNode author = commit.putObject("author").put("name", "Name of " + commits[i + 2])
                    .put("email", commits[i + 2]);
            if (commits[i + 1] != null) {
                author.put("username", commits[i + 1]);
            }
            commit.set("committer", author.deepCopy());
            commit.putArray("added").add("file-" + commits[i]);
            commit.putArray("removed");
            commit.putArray("modified");
        }
        payload.set("head_commit", list.isEmpty() ? null : list.get(list.size() - 1));
        payload.set("repository", repositoryNode(repositoryId, at, true));
        return add("push", payload);
    }

    History issue(String action, long repositoryId, int number, String state, String title) {
        return item("issues", "issue", action, repositoryId, number, state, title, false);
    }

    History pull(String action, long repositoryId, int number, String state, boolean merged) {
        return item("pull_request", "pull_request", action, repositoryId, number, state, "PR " + number, merged);
    }

    private History item(String event, String field, String action, long repositoryId, int number, String state,
                         String title, boolean merged) {
        ObjectNode payload = Examples.of(event).get(0).deepCopy();
        Instant at = tick();
        payload.put("action", action);
        ObjectNode item = (ObjectNode) payload.path(field);
        item.put("id", repositoryId * 1000 + number).put("number", number).put("title", title).put("state", state)
                .put("updated_at", at.toString()).put("created_at", "2025-01-01T00:00:00Z")
                .put("closed_at", "open".equals(state) ? null : at.toString());
        if ("pull_request".equals(event)) {
            item.put("merged", merged).put("merged_at", merged ? at.toString() : null);
        }
        payload.set("repository", repositoryNode(repositoryId, at, false));
        return add(event, payload);
    }

    private ObjectNode repositoryNode(long id, Instant updatedAt, boolean pushStyle) {
        names.putIfAbsent(id, "repo-" + id);
        ObjectNode repository = Examples.first("repository", "created").path("repository").deepCopy();
        String name = names.get(id);
        repository.put("id", id).put("name", name).put("full_name", "acme/" + name)
                .put("html_url", "https://github.com/acme/" + name);
        Instant pushed = pushedAt.getOrDefault(id, Instant.parse("2025-01-01T00:00:00Z"));
        if (pushStyle) {
            // push payloads carry these two as epoch seconds
            repository.put("created_at", 1735689600L).put("pushed_at", pushed.getEpochSecond());
        } else {
            repository.put("created_at", "2025-01-01T00:00:00Z").put("pushed_at", pushed.toString());
        }
        repository.put("updated_at", updatedAt.toString());
        return repository;
    }

    private static void installation(ObjectNode payload, Instant at) {
        ObjectNode installation = (ObjectNode) payload.path("installation");
        installation.put("id", INSTALLATION).put("updated_at", at.getEpochSecond());
    }

    private History add(String event, ObjectNode payload) {
        if (!"installation".equals(event)) {
            payload.putObject("installation").put("id", INSTALLATION);
        }
        deliveries.add(new Delivery(event, "d" + (deliveries.size() + 1) + "-" + event.replace('_', '-'), payload));
        return this;
    }

    private Instant tick() {
        now = now.plusSeconds(100);
        return now;
    }

    static String json(JsonNode node) {
        return Json.write(node);
    }
}
