package dev.autosync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Renders entities in GitHub's response shapes. The templates under {@code shapes/} were derived from
 * the examples in GitHub's OpenAPI description; {@code {{token}}} placeholders are filled per entity and
 * the fields that vary are set here.
 */
final class Shapes {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> TEMPLATES = new java.util.concurrent.ConcurrentHashMap<>();

    private final String api;
    private final String web;

    Shapes(String api, String web) {
        this.api = api;
        this.web = web;
    }

    ObjectNode user(Model.Account account) {
        ObjectNode user = render("user", Map.of("login", account.login()));
        user.put("id", account.id()).put("node_id", nodeId("User", account.id())).put("type", account.type());
        return user;
    }

    ObjectNode installation(Model.Installation installation, AppCredentials app) {
        ObjectNode node = render("installation", Map.of("id", Long.toString(installation.id),
                "login", installation.account.login()));
        node.put("id", installation.id).put("app_id", app.appId()).put("app_slug", app.slug())
                .put("target_id", installation.account.id()).put("target_type", installation.account.type())
                .put("repository_selection", installation.repositorySelection)
                .put("created_at", iso(installation.createdAt)).put("updated_at", iso(installation.createdAt));
        node.set("account", user(installation.account));
        if (installation.suspendedAt != null) {
            node.put("suspended_at", iso(installation.suspendedAt));
            node.set("suspended_by", user(installation.account));
        }
        return node;
    }

    ObjectNode repository(Model.Repo repo) {
        ObjectNode node = render("repository", Map.of("full_name", repo.fullName()));
        node.put("id", repo.id).put("node_id", nodeId("Repository", repo.id)).put("name", repo.name)
                .put("full_name", repo.fullName()).put("private", true).put("visibility", "private")
                .put("fork", false).put("archived", repo.archived).put("disabled", false)
                .put("description", repo.description).put("language", (String) null)
                .put("default_branch", repo.defaultBranch)
                .put("created_at", iso(repo.createdAt)).put("updated_at", iso(repo.updatedAt))
                .put("pushed_at", iso(repo.pushedAt));
        long open = repo.issues.stream().filter(i -> "open".equals(i.state)).count();
        node.put("open_issues", open).put("open_issues_count", open).put("size", repo.branches.size());
        node.set("owner", user(repo.owner));
        return node;
    }

    ObjectNode commit(Model.Repo repo, Model.Commit commit) {
        ObjectNode node = render("commit", Map.of("full_name", repo.fullName(), "sha", commit.sha()));
        node.put("node_id", nodeId("Commit", commit.sha().hashCode()));
        ObjectNode git = (ObjectNode) node.get("commit");
        git.put("message", commit.message());
        for (String role : new String[] {"author", "committer"}) {
            ((ObjectNode) git.get(role)).put("name", commit.author().login())
                    .put("email", email(commit.author()))
                    .put("date", iso(commit.at()));
            node.set(role, user(commit.author()));
        }
        if (commit.parentSha() != null) {
            node.withArray("parents").addObject().put("sha", commit.parentSha())
                    .put("url", api + "/repos/" + repo.fullName() + "/commits/" + commit.parentSha())
                    .put("html_url", web + "/" + repo.fullName() + "/commit/" + commit.parentSha());
        }
        return node;
    }

    ObjectNode issue(Model.Repo repo, Model.Issue issue) {
        ObjectNode node = render("issue", Map.of("full_name", repo.fullName(), "number", Integer.toString(issue.number)));
        fillIssue(node, repo, issue, "Issue");
        if (issue.isPull()) {
            ObjectNode pull = node.putObject("pull_request");
            String html = web + "/" + repo.fullName() + "/pull/" + issue.number;
            pull.put("url", api + "/repos/" + repo.fullName() + "/pulls/" + issue.number).put("html_url", html)
                    .put("diff_url", html + ".diff").put("patch_url", html + ".patch");
            pull.put("merged_at", issue.pull.mergedAt == null ? null : iso(issue.pull.mergedAt));
        }
        return node;
    }

    ObjectNode pull(Model.Repo repo, Model.Issue issue) {
        ObjectNode node = render("pull", Map.of("full_name", repo.fullName(),
                "number", Integer.toString(issue.number), "head_sha", repo.headSha(issue.pull.head)));
        fillIssue(node, repo, issue, "PullRequest");
        node.remove(List.of("state_reason", "comments"));
        node.put("draft", issue.pull.draft);
        node.put("merged_at", issue.pull.mergedAt == null ? null : iso(issue.pull.mergedAt))
                .put("merge_commit_sha", issue.pull.mergeCommitSha);
        fillSide((ObjectNode) node.get("head"), repo, issue.pull.head);
        fillSide((ObjectNode) node.get("base"), repo, issue.pull.base);
        return node;
    }

    ObjectNode comparison(Model.Repo repo, String basehead, Model.Commit base, Model.Commit mergeBase,
                          java.util.List<Model.Commit> ahead, int behindBy) {
        ObjectNode node = render("comparison", Map.of("full_name", repo.fullName(), "basehead", basehead));
        node.set("base_commit", commit(repo, base));
        node.set("merge_base_commit", commit(repo, mergeBase));
        String status = ahead.isEmpty() ? (behindBy == 0 ? "identical" : "behind") : (behindBy == 0 ? "ahead" : "diverged");
        node.put("status", status).put("ahead_by", ahead.size()).put("behind_by", behindBy)
                .put("total_commits", ahead.size());
        ahead.forEach(c -> node.withArray("commits").add(commit(repo, c)));
        return node;
    }

    private void fillIssue(ObjectNode node, Model.Repo repo, Model.Issue issue, String type) {
        node.put("id", issue.id).put("node_id", nodeId(type, issue.id)).put("number", issue.number)
                .put("title", issue.title).put("state", issue.state).put("body", issue.body)
                .put("state_reason", issue.stateReason).put("comments", issue.comments)
                .put("created_at", iso(issue.createdAt)).put("updated_at", iso(issue.updatedAt))
                .put("closed_at", issue.closedAt == null ? null : iso(issue.closedAt))
                .put("author_association", "MEMBER");
        node.set("user", user(issue.user));
        ArrayNode labels = node.putArray("labels");
        issue.labels.forEach(name -> labels.add(label(repo, name)));
        ArrayNode assignees = node.putArray("assignees");
        issue.assignees.forEach(a -> assignees.add(user(a)));
        node.set("assignee", issue.assignees.isEmpty() ? null : user(issue.assignees.get(0)));
    }

    /** A label object; its id is derived from repository and name so REST and webhooks agree. */
    ObjectNode label(Model.Repo repo, String name) {
        long id = Math.abs((long) (repo.id + "/" + name).hashCode());
        return JSON.createObjectNode().put("id", id).put("node_id", nodeId("Label", id))
                .put("url", api + "/repos/" + repo.fullName() + "/labels/" + name.replace(" ", "%20"))
                .put("name", name).put("color", "ededed").put("default", false).put("description", (String) null);
    }

    /** The no-reply address GitHub gives commits by a user who hides their email; push payloads use it too. */
    static String email(Model.Account account) {
        return account.id() + "+" + account.login() + "@users.noreply.github.com";
    }

    private void fillSide(ObjectNode side, Model.Repo repo, String branch) {
        side.put("label", repo.owner.login() + ":" + branch).put("ref", branch).put("sha", repo.headSha(branch));
        side.set("user", user(repo.owner));
        side.set("repo", repository(repo));
    }

    private ObjectNode render(String name, Map<String, String> values) {
        String text = TEMPLATES.computeIfAbsent(name, Shapes::load).replace("{{api}}", api).replace("{{web}}", web);
        for (Map.Entry<String, String> value : values.entrySet()) {
            text = text.replace("{{" + value.getKey() + "}}", value.getValue());
        }
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("template " + name + " does not render to JSON", e);
        }
    }

    private static String load(String name) {
        try (InputStream in = Shapes.class.getResourceAsStream("shapes/" + name + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String iso(Instant instant) {
        return instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    static String nodeId(String type, long id) {
        return Base64.getEncoder().encodeToString(("0:" + type + id).getBytes(StandardCharsets.UTF_8));
    }

    static JsonNode parse(byte[] body) throws IOException {
        return JSON.readTree(body);
    }
}
