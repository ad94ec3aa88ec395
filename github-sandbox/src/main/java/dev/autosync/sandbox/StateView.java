package dev.autosync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /_sandbox/state}: what GitHub holds, per active installation, in the fields autosync's API
 * serves, each value taken from the same {@link Shapes} the REST API answers with (so the state can never
 * say something GitHub would not):
 * <pre>
 * {"installations": [{"id", "account", "account_type", "suspended", "suspended_at", "repository_selection",
 *   "created_at", "repositories": [{"id", "name", "full_name", "owner", "private", "html_url", "description",
 *   "language", "default_branch", "archived", "disabled", "created_at", "updated_at", "pushed_at",
 *   "commits": [sha, ...] (default branch, newest first),
 *   "branches": {"name": [{"sha", "message", "author_login", "author_name", "committer_login",
 *     "committer_name", "committed_at", "html_url"}, ...] (newest first)},
 *   "issues": [{"id", "number", "title", "body", "state", "state_reason", "labels": [name], "assignees":
 *     [login], "author", "comments", "created_at", "updated_at", "closed_at"}],
 *   "pull_requests": [{"id", "number", "title", "body", "state", "draft", "merged", "merged_at", "author",
 *     "head_ref", "base_ref", "created_at", "updated_at", "closed_at"}]}]}]}
 * </pre>
 * Called with the sandbox's monitor held.
 */
final class StateView {

    private static final List<String> REPOSITORY = List.of("id", "name", "full_name", "private", "html_url",
            "description", "language", "default_branch", "archived", "disabled", "created_at", "updated_at", "pushed_at");
    private static final List<String> ISSUE = List.of("id", "number", "title", "body", "state", "state_reason",
            "comments", "created_at", "updated_at", "closed_at");
    private static final List<String> PULL = List.of("id", "number", "title", "body", "state", "draft", "merged_at",
            "created_at", "updated_at", "closed_at");

    private final Shapes shapes;

    StateView(Shapes shapes) {
        this.shapes = shapes;
    }

    ObjectNode render(GitHubSandbox sandbox) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode installations = root.putArray("installations");
        for (Model.Installation installation : sandbox.activeInstallations()) {
            ObjectNode node = installations.addObject().put("id", installation.id)
                    .put("account", installation.account.login())
                    .put("account_type", installation.account.type())
                    .put("suspended", installation.suspendedAt != null)
                    .put("suspended_at", installation.suspendedAt == null ? null : Shapes.iso(installation.suspendedAt))
                    .put("repository_selection", installation.repositorySelection)
                    .put("created_at", Shapes.iso(installation.createdAt));
            ArrayNode repositories = node.putArray("repositories");
            sandbox.reposOf(installation.id).forEach(r -> repositories.add(repository(r)));
        }
        return root;
    }

    private ObjectNode repository(Model.Repo repo) {
        ObjectNode rest = shapes.repository(repo);
        ObjectNode node = pick(rest, REPOSITORY).put("owner", repo.owner.login());
        ArrayNode commits = node.putArray("commits");
        newestFirst(repo.branch(repo.defaultBranch)).forEach(c -> commits.add(c.sha()));
        ObjectNode branches = node.putObject("branches");
        for (Map.Entry<String, List<Model.Commit>> branch : repo.branches.entrySet()) {
            ArrayNode list = branches.putArray(branch.getKey());
            newestFirst(branch.getValue()).forEach(c -> list.add(commit(repo, c)));
        }
        ArrayNode issues = node.putArray("issues");
        ArrayNode pulls = node.putArray("pull_requests");
        for (Model.Issue issue : repo.issues) {
            if (issue.isPull()) {
                ObjectNode pull = shapes.pull(repo, issue);
                pulls.add(pick(pull, PULL).put("merged", issue.pull.mergedAt != null)
                        .put("author", pull.at("/user/login").asText())
                        .put("head_ref", pull.at("/head/ref").asText()).put("base_ref", pull.at("/base/ref").asText()));
            } else {
                ObjectNode rendered = shapes.issue(repo, issue);
                ObjectNode item = pick(rendered, ISSUE).put("author", rendered.at("/user/login").asText());
                ArrayNode labels = item.putArray("labels");
                rendered.path("labels").forEach(l -> labels.add(l.path("name").asText()));
                ArrayNode assignees = item.putArray("assignees");
                rendered.path("assignees").forEach(u -> assignees.add(u.path("login").asText()));
                issues.add(item);
            }
        }
        return node;
    }

    private ObjectNode commit(Model.Repo repo, Model.Commit commit) {
        JsonNode rest = shapes.commit(repo, commit);
        return JsonNodeFactory.instance.objectNode().put("sha", rest.path("sha").asText())
                .put("message", rest.at("/commit/message").asText())
                .put("author_login", rest.at("/author/login").asText())
                .put("author_name", rest.at("/commit/author/name").asText())
                .put("committer_login", rest.at("/committer/login").asText())
                .put("committer_name", rest.at("/commit/committer/name").asText())
                .put("committed_at", rest.at("/commit/author/date").asText())
                .put("html_url", rest.path("html_url").asText());
    }

    private static List<Model.Commit> newestFirst(List<Model.Commit> oldestFirst) {
        List<Model.Commit> commits = new ArrayList<>(oldestFirst);
        Collections.reverse(commits);
        return commits;
    }

    private static ObjectNode pick(ObjectNode from, List<String> fields) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        fields.forEach(field -> node.set(field, from.get(field)));
        return node;
    }
}
