package dev.autosync.github.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.github.Commit;
import dev.autosync.github.Comparison;
import dev.autosync.github.HookDelivery;
import dev.autosync.github.Installation;
import dev.autosync.github.InstallationId;
import dev.autosync.github.Issue;
import dev.autosync.github.PullRequest;
import dev.autosync.github.RepoRef;
import dev.autosync.github.Repository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** GitHub JSON to autosync's records: only the fields autosync keeps. */
public final class Parsers {

    private Parsers() {
    }

    public static Installation installation(JsonNode node) {
        JsonNode account = node.path("account");
        return new Installation(new InstallationId(node.path("id").asLong()), account.path("login").asText(),
                account.path("id").asLong(), account.path("type").asText(node.path("target_type").asText()),
                instant(node.path("suspended_at")));
    }

    public static Repository repository(JsonNode node) {
        return new Repository(node.path("id").asLong(), node.path("node_id").asText(),
                RepoRef.parse(node.path("full_name").asText()), node.path("owner").path("id").asLong(),
                node.path("private").asBoolean(), node.path("archived").asBoolean(),
                node.path("default_branch").asText(), required(node, "created_at"), required(node, "updated_at"),
                instant(node.path("pushed_at")));
    }

    public static Commit commit(JsonNode node) {
        JsonNode git = node.path("commit");
        return new Commit(node.path("sha").asText(), git.path("message").asText(),
                git.path("author").path("name").asText(), git.path("author").path("email").asText(),
                text(node.path("author").path("login")),
                required(git.path("author"), "date"), required(git.path("committer"), "date"));
    }

    /** Issue listings include pull requests; callers drop items for which this says true. */
    public static boolean isPullRequest(JsonNode node) {
        return node.has("pull_request");
    }

    public static Issue issue(JsonNode node) {
        return new Issue(node.path("id").asLong(), node.path("number").asInt(), node.path("title").asText(),
                node.path("state").asText(), node.path("user").path("login").asText(),
                required(node, "created_at"), required(node, "updated_at"), instant(node.path("closed_at")));
    }

    public static PullRequest pullRequest(JsonNode node) {
        return new PullRequest(node.path("id").asLong(), node.path("number").asInt(), node.path("title").asText(),
                node.path("state").asText(), node.path("user").path("login").asText(),
                node.path("head").path("ref").asText(), node.path("head").path("sha").asText(),
                node.path("base").path("ref").asText(), required(node, "created_at"), required(node, "updated_at"),
                instant(node.path("closed_at")), instant(node.path("merged_at")));
    }

    public static Comparison comparison(JsonNode node) {
        List<Commit> commits = new ArrayList<>();
        node.path("commits").forEach(c -> commits.add(commit(c)));
        return new Comparison(node.path("status").asText(), node.path("ahead_by").asInt(),
                node.path("behind_by").asInt(), node.path("total_commits").asInt(), commits);
    }

    public static HookDelivery hookDelivery(JsonNode node) {
        JsonNode installation = node.path("installation_id");
        return new HookDelivery(node.path("id").asLong(), node.path("guid").asText(), required(node, "delivered_at"),
                node.path("redelivery").asBoolean(), node.path("status").asText(), node.path("status_code").asInt(),
                node.path("event").asText(), text(node.path("action")),
                installation.isIntegralNumber() && installation.asLong() > 0
                        ? Optional.of(new InstallationId(installation.asLong())) : Optional.empty(),
                node.path("repository_id").isIntegralNumber() ? Optional.of(node.path("repository_id").asLong()) : Optional.empty());
    }

    private static Instant required(JsonNode node, String field) {
        return instant(node.path(field)).orElseThrow(() ->
                new IllegalArgumentException("GitHub sent no timestamp in '" + field + "'"));
    }

    private static Optional<Instant> instant(JsonNode node) {
        if (node.isIntegralNumber()) {
            return Optional.of(Instant.ofEpochSecond(node.asLong()));
        }
        return text(node).map(value -> java.time.OffsetDateTime.parse(value).toInstant());
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.asText().isEmpty() ? Optional.of(node.asText()) : Optional.empty();
    }
}
