package dev.autosync.processing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.store.Installation;
import dev.autosync.store.Issue;
import dev.autosync.store.PullRequest;
import dev.autosync.store.Repository;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the entities out of GitHub webhook payloads as GitHub really sends them: times are ISO-8601
 * strings, except in {@code push} payloads' repository and in installation objects, where they are epoch
 * seconds; users may be {@code null} (deleted accounts); optional fields may be missing.
 *
 * @see <a href="https://docs.github.com/en/webhooks/webhook-events-and-payloads">Webhook events and payloads</a>
 */
final class Payloads {

    private Payloads() {
    }

    /**
     * {@code object.field} as an ISO-8601 string (any offset) or epoch seconds; null when absent.
     *
     * @param subject what {@code object} is, to name the field in an error (never its value: payload text)
     */
    static Instant time(JsonNode object, String subject, String field) {
        JsonNode node = object.path(field);
        if (node.isNull() || node.isMissingNode()) {
            return null;
        }
        try {
            return node.isNumber() ? Instant.ofEpochSecond(node.asLong()) : OffsetDateTime.parse(node.asText()).toInstant();
        } catch (DateTimeException e) {
            throw new UnreadablePayloadException(subject + "." + field + " is not an ISO-8601 time or epoch seconds");
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNull() || value.isMissingNode() ? null : value.asText();
    }

    /** The login of a user object, or null for a deleted account. */
    static String login(JsonNode user) {
        return user == null || user.isNull() || user.isMissingNode() ? null : text(user, "login");
    }

    static long id(JsonNode node, String what) {
        JsonNode id = node.path("id");
        if (!id.canConvertToLong()) {
            throw new UnreadablePayloadException(what + " has no numeric id");
        }
        return id.asLong();
    }

    /** The installation id the payload belongs to, or null for a payload outside an App installation. */
    static Long installationId(JsonNode payload) {
        JsonNode installation = payload.path("installation");
        return installation.path("id").canConvertToLong() ? installation.path("id").asLong() : null;
    }

    static Installation installation(JsonNode node) {
        JsonNode account = node.path("account");
        String type = text(account, "type") != null ? text(account, "type") : text(node, "target_type");
        return new Installation(id(node, "installation"), login(account), type, text(node, "repository_selection"),
                time(node, "installation", "suspended_at"), null, time(node, "installation", "created_at"),
                time(node, "installation", "updated_at"));
    }

    static Repository repository(JsonNode node, Long installationId) {
        String fullName = text(node, "full_name");
        String owner = login(node.path("owner"));
        if (owner == null && fullName != null && fullName.contains("/")) {
            owner = fullName.substring(0, fullName.indexOf('/'));
        }
        return new Repository(id(node, "repository"), installationId, text(node, "name"), fullName, owner,
                text(node, "html_url"), node.path("private").asBoolean(false), text(node, "default_branch"),
                text(node, "language"), text(node, "description"), node.path("archived").asBoolean(false),
                node.path("disabled").asBoolean(false), time(node, "repository", "created_at"),
                time(node, "repository", "updated_at"), time(node, "repository", "pushed_at"), null, true, installationId != null, 0, 0, 0, 0);
    }

    /** The order key of a repository write: the later of updated_at and pushed_at (epoch 0 when neither). */
    static Instant repositoryVersion(Repository repository) {
        Instant updated = repository.updatedAt() == null ? Instant.EPOCH : repository.updatedAt();
        Instant pushed = repository.pushedAt() == null ? Instant.EPOCH : repository.pushedAt();
        return updated.isAfter(pushed) ? updated : pushed;
    }

    /** GitHub's state; derived from closed_at for the rare payload that leaves it out. */
    static String state(JsonNode node, String subject) {
        String state = text(node, "state");
        return state != null ? state : time(node, subject, "closed_at") == null ? "open" : "closed";
    }

    static Issue issue(JsonNode node, long repositoryId) {
        return new Issue(repositoryId, id(node, "issue"), node.path("number").asLong(), text(node, "title"),
                text(node, "body"), state(node, "issue"), text(node, "state_reason"), names(node.path("labels"), "name"),
                names(node.path("assignees"), "login"), login(node.path("user")), node.path("comments").asInt(0),
                time(node, "issue", "created_at"), required(time(node, "issue", "updated_at"), "issue.updated_at"),
                time(node, "issue", "closed_at"));
    }

    static PullRequest pull(JsonNode node, long repositoryId) {
        Instant mergedAt = time(node, "pull_request", "merged_at");
        boolean merged = node.path("merged").asBoolean(false) || mergedAt != null;
        return new PullRequest(repositoryId, id(node, "pull_request"), node.path("number").asLong(),
                text(node, "title"), text(node, "body"), state(node, "pull_request"), node.path("draft").asBoolean(false),
                merged, mergedAt, login(node.path("user")), text(node.path("head"), "ref"),
                text(node.path("base"), "ref"), time(node, "pull_request", "created_at"),
                required(time(node, "pull_request", "updated_at"), "pull_request.updated_at"),
                time(node, "pull_request", "closed_at"));
    }

    static Instant required(Instant value, String what) {
        if (value == null) {
            throw new UnreadablePayloadException(what + " is missing");
        }
        return value;
    }

    private static List<String> names(JsonNode array, String field) {
        List<String> names = new ArrayList<>();
        array.forEach(element -> {
            String value = text(element, field);
            if (value != null) {
                names.add(value);
            }
        });
        return names;
    }
}
