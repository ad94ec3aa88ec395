package dev.autosync.github.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.github.Commit;
import dev.autosync.github.Comparison;
import dev.autosync.github.HookDelivery;
import dev.autosync.github.Installation;
import dev.autosync.github.InstallationId;
import dev.autosync.github.Issue;
import dev.autosync.github.IssueActivity;
import dev.autosync.github.PullRequest;
import dev.autosync.github.RepoRef;
import dev.autosync.github.Repository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * GitHub JSON to autosync's records: only the fields autosync keeps, read defensively (a missing
 * optional field is empty, a missing required timestamp a clear error) and with the meaning the
 * webhook path ({@code processing.Payloads}) gives them.
 *
 * @see <a href="https://docs.github.com/en/rest">GitHub REST API</a>
 */
public final class Parsers {

    /** The account GitHub shows in place of a deleted one. */
    static final String GHOST = "ghost";

    private Parsers() {
    }

    public static Installation installation(JsonNode node) {
        JsonNode account = node.path("account");
        return new Installation(new InstallationId(node.path("id").asLong()), account.path("login").asText(),
                account.path("id").asLong(), account.path("type").asText(node.path("target_type").asText()),
                instant(node.path("suspended_at")), text(node.path("repository_selection")),
                instant(node.path("created_at")), instant(node.path("updated_at")));
    }

    public static Repository repository(JsonNode node) {
        return Repository.builder().id(node.path("id").asLong()).nodeId(node.path("node_id").asText())
                .ref(RepoRef.parse(node.path("full_name").asText())).ownerId(node.path("owner").path("id").asLong())
                .privateRepo(node.path("private").asBoolean(false)).archived(node.path("archived").asBoolean(false))
                .defaultBranch(node.path("default_branch").asText())
                .createdAt(required(node, "created_at")).updatedAt(required(node, "updated_at"))
                .pushedAt(instant(node.path("pushed_at")))
                .htmlUrl(node.path("html_url").asText()).description(text(node.path("description")))
                .language(text(node.path("language"))).disabled(node.path("disabled").asBoolean(false))
                .build();
    }

    public static Commit commit(JsonNode node) {
        JsonNode git = node.path("commit");
        return new Commit(node.path("sha").asText(), git.path("message").asText(),
                git.path("author").path("name").asText(), git.path("author").path("email").asText(),
                text(node.path("author").path("login")),
                required(git.path("author"), "date"), required(git.path("committer"), "date"),
                text(git.path("committer").path("name")), text(node.path("committer").path("login")),
                node.path("html_url").asText());
    }

    /** Issue listings include pull requests; callers drop items for which this says true. */
    public static boolean isPullRequest(JsonNode node) {
        JsonNode pull = node.path("pull_request");
        return !pull.isMissingNode() && !pull.isNull();
    }

    public static Issue issue(JsonNode node) {
        return Issue.builder().id(node.path("id").asLong()).number(node.path("number").asInt())
                .title(node.path("title").asText()).state(state(node)).authorLogin(login(node.path("user")))
                .createdAt(required(node, "created_at")).updatedAt(required(node, "updated_at"))
                .closedAt(instant(node.path("closed_at")))
                .body(text(node.path("body"))).stateReason(text(node.path("state_reason")))
                .labels(names(node.path("labels"), "name")).assignees(names(node.path("assignees"), "login"))
                .comments(node.path("comments").asInt(0))
                .build();
    }

    public static PullRequest pullRequest(JsonNode node) {
        return PullRequest.builder().id(node.path("id").asLong()).number(node.path("number").asInt())
                .title(node.path("title").asText()).state(state(node)).authorLogin(login(node.path("user")))
                .headRef(node.path("head").path("ref").asText()).headSha(node.path("head").path("sha").asText())
                .baseRef(node.path("base").path("ref").asText())
                .createdAt(required(node, "created_at")).updatedAt(required(node, "updated_at"))
                .closedAt(instant(node.path("closed_at"))).mergedAt(instant(node.path("merged_at")))
                .body(text(node.path("body"))).draft(node.path("draft").asBoolean(false))
                .build();
    }

    /**
     * One {@code /search/issues} hit. Its repository comes from {@code repository_url}
     * ({@code <api>/repos/<owner>/<name>}), the only place a hit names it.
     */
    public static IssueActivity issueActivity(JsonNode node) {
        String url = node.path("repository_url").asText("");
        int repos = url.lastIndexOf("/repos/");
        if (repos < 0 || !node.path("number").canConvertToInt()) {
            throw new IllegalArgumentException("GitHub sent a search hit without a repository_url or number");
        }
        return new IssueActivity(RepoRef.parse(url.substring(repos + "/repos/".length())), node.path("number").asInt(),
                isPullRequest(node), required(node, "updated_at"));
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

    /** GitHub's state; derived from closed_at for the rare item that leaves it out, as the webhook path does. */
    private static String state(JsonNode node) {
        Optional<String> state = text(node.path("state"));
        return state.orElseGet(() -> instant(node.path("closed_at")).isPresent() ? "closed" : "open");
    }

    /**
     * The login of a user object; null for a deleted account, which GitHub shows as {@code null} in some
     * payloads and as its placeholder user {@code ghost} in REST answers (the webhook path stores null).
     */
    private static String login(JsonNode user) {
        String login = text(user.path("login")).orElse(null);
        return GHOST.equals(login) ? null : login;
    }

    /** Label names or assignee logins; a label given as a bare string (GitHub allows it) is its name. */
    private static List<String> names(JsonNode array, String field) {
        List<String> names = new ArrayList<>();
        array.forEach(element -> (element.isTextual() ? text(element) : text(element.path(field))).ifPresent(names::add));
        return names;
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
