package dev.autosync.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Builds webhook payloads in the shapes of GitHub's events (checked against
 * {@code @octokit/webhooks-examples} by the contract test).
 *
 * @see <a href="https://docs.github.com/en/webhooks/webhook-events-and-payloads">Webhook events and payloads</a>
 */
final class WebhookPayloads {

    /** An event to send once the mutation that caused it is applied. */
    record Event(String name, ObjectNode payload, long installationId, Long repositoryId) {
    }

    private final Shapes shapes;

    WebhookPayloads(Shapes shapes) {
        this.shapes = shapes;
    }

    Event installation(String action, Model.Installation installation, AppCredentials app,
                       List<Model.Repo> repos, Model.Account sender) {
        ObjectNode payload = base(action, sender);
        payload.set("installation", shapes.installation(installation, app));
        ArrayNode list = payload.putArray("repositories");
        repos.forEach(r -> list.addObject().put("id", r.id).put("node_id", Shapes.nodeId("Repository", r.id))
                .put("name", r.name).put("full_name", r.fullName()).put("private", true));
        return new Event("installation", payload, installation.id, null);
    }

    Event repository(String action, Model.Repo repo, Model.Account sender, long installationId, String oldName) {
        ObjectNode payload = scoped(action, repo, sender);
        if (oldName != null) {
            payload.putObject("changes").putObject("repository").putObject("name").put("from", oldName);
        }
        return new Event("repository", payload, installationId, repo.id);
    }

    /** A repository change GitHub describes in {@code changes} (edited, transferred); null = none. */
    Event repository(String action, Model.Repo repo, Model.Account sender, ObjectNode changes) {
        ObjectNode payload = scoped(action, repo, sender);
        if (changes != null) {
            payload.set("changes", changes);
        }
        return new Event("repository", payload, repo.installationId, repo.id);
    }

    /** {@code installation_repositories} added/removed, for one repository of a "selected" installation. */
    Event installationRepositories(String action, Model.Installation installation, AppCredentials app,
                                   Model.Repo repo, Model.Account sender) {
        ObjectNode payload = base(action, sender);
        payload.set("installation", shapes.installation(installation, app));
        payload.put("repository_selection", "selected");
        ArrayNode added = payload.putArray("repositories_added");
        ArrayNode removed = payload.putArray("repositories_removed");
        ("added".equals(action) ? added : removed).addObject().put("id", repo.id)
                .put("node_id", Shapes.nodeId("Repository", repo.id)).put("name", repo.name)
                .put("full_name", repo.fullName()).put("private", true);
        payload.set("requester", null);
        return new Event("installation_repositories", payload, installation.id, null);
    }

    Event issue(String action, Model.Repo repo, Model.Issue issue, Model.Account sender) {
        return issue(action, repo, issue, sender, null);
    }

    /** An issue event; {@code changes} (null = none) says what an edit changed, as GitHub's {@code edited} does. */
    Event issue(String action, Model.Repo repo, Model.Issue issue, Model.Account sender, ObjectNode changes) {
        ObjectNode payload = scoped(action, repo, sender);
        ObjectNode node = shapes.issue(repo, issue);
        payload.set("issue", node);
        if (changes != null) {
            payload.set("changes", changes);
        }
        return new Event("issues", reorder(payload, "issue"), repo.installationId, repo.id);
    }

    Event pull(String action, Model.Repo repo, Model.Issue pull, Model.Account sender) {
        return pull(action, repo, pull, sender, null);
    }

    Event pull(String action, Model.Repo repo, Model.Issue pull, Model.Account sender, ObjectNode changes) {
        ObjectNode payload = scoped(action, repo, sender);
        if (changes != null) {
            payload.set("changes", changes);
        }
        ObjectNode node = shapes.pull(repo, pull);
        boolean merged = pull.pull.mergedAt != null;
        node.put("merged", merged).put("mergeable", (Boolean) null).put("rebaseable", (Boolean) null)
                .put("mergeable_state", "unknown").put("comments", pull.comments).put("review_comments", 0)
                .put("maintainer_can_modify", false).put("commits", 1).put("additions", 0)
                .put("deletions", 0).put("changed_files", 0);
        node.set("merged_by", merged ? shapes.user(sender) : null);
        payload.put("number", pull.number);
        payload.set("pull_request", node);
        return new Event("pull_request", payload, repo.installationId, repo.id);
    }

    /** A push: {@code repository} carries epoch-second {@code created_at}/{@code pushed_at}, as GitHub sends. */
    Event push(Model.Repo repo, String branch, String before, List<Model.Commit> commits, Model.Account sender) {
        return push(repo, branch, before, commits, sender, false);
    }

    /** A push; {@code forced} when the branch was rewritten ({@code before} is no longer on it). */
    Event push(Model.Repo repo, String branch, String before, List<Model.Commit> commits, Model.Account sender,
               boolean forced) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        String after = commits.isEmpty() ? before : commits.get(commits.size() - 1).sha();
        payload.put("ref", "refs/heads/" + branch).put("before", before).put("after", after)
                .put("created", before.startsWith("0000000")).put("deleted", false).put("forced", forced)
                .putNull("base_ref")
                .put("compare", "https://github.com/" + repo.fullName() + "/compare/" + before.substring(0, 12) + "..." + after.substring(0, 12));
        ArrayNode list = payload.putArray("commits");
        commits.forEach(c -> list.add(pushCommit(repo, c)));
        payload.set("head_commit", commits.isEmpty() ? null : pushCommit(repo, commits.get(commits.size() - 1)));
        ObjectNode repository = shapes.repository(repo);
        repository.put("created_at", repo.createdAt.getEpochSecond()).put("pushed_at", repo.pushedAt.getEpochSecond())
                .put("stargazers", 0).put("master_branch", repo.defaultBranch);
        payload.set("repository", repository);
        payload.putObject("pusher").put("name", sender.login()).put("email", email(sender));
        payload.set("sender", shapes.user(sender));
        payload.set("installation", installationRef(repo.installationId));
        return new Event("push", payload, repo.installationId, repo.id);
    }

    private ObjectNode pushCommit(Model.Repo repo, Model.Commit commit) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", commit.sha()).put("tree_id", commit.sha()).put("distinct", true)
                .put("message", commit.message()).put("timestamp", Shapes.iso(commit.at()))
                .put("url", "https://github.com/" + repo.fullName() + "/commit/" + commit.sha());
        for (String role : new String[] {"author", "committer"}) {
            node.putObject(role).put("name", commit.author().login()).put("email", email(commit.author()))
                    .put("username", commit.author().login());
        }
        node.putArray("added");
        node.putArray("removed");
        node.putArray("modified");
        return node;
    }

    private ObjectNode scoped(String action, Model.Repo repo, Model.Account sender) {
        ObjectNode payload = base(action, sender);
        payload.set("repository", shapes.repository(repo));
        payload.set("installation", installationRef(repo.installationId));
        if ("Organization".equals(repo.owner.type())) {
            ObjectNode org = payload.putObject("organization");
            org.put("login", repo.owner.login()).put("id", repo.owner.id())
                    .put("node_id", Shapes.nodeId("Organization", repo.owner.id()));
        }
        return payload;
    }

    private ObjectNode base(String action, Model.Account sender) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("action", action);
        payload.set("sender", shapes.user(sender));
        return payload;
    }

    private static ObjectNode installationRef(long installationId) {
        return JsonNodeFactory.instance.objectNode().put("id", installationId)
                .put("node_id", Shapes.nodeId("Installation", installationId));
    }

    /** Puts {@code key} right after {@code action}, where GitHub puts the event's subject. */
    private static ObjectNode reorder(ObjectNode payload, String key) {
        ObjectNode ordered = JsonNodeFactory.instance.objectNode();
        ordered.set("action", payload.get("action"));
        ordered.set(key, payload.get(key));
        payload.fields().forEachRemaining(e -> ordered.set(e.getKey(), e.getValue()));
        return ordered;
    }

    private static String email(Model.Account account) {
        return Shapes.email(account);
    }
}
