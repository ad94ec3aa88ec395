package dev.autosync.api;

import static dev.autosync.api.WireJson.strings;
import static dev.autosync.api.WireJson.time;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autosync.store.Commit;
import dev.autosync.store.Contributor;
import dev.autosync.store.Issue;
import dev.autosync.store.PullRequest;

/**
 * The api's JSON for a repository's activity: commits, contributors, issues and pull requests, in the seed
 * system's snake_case shapes (openapi.yaml). An author's e-mail address and the contributor key (which may
 * be derived from it) never leave: the api would otherwise confirm addresses GitHub does not show.
 */
final class ActivityJson {

    private ActivityJson() {
    }

    static ObjectNode commit(Commit commit) {
        ObjectNode json = WireJson.object();
        json.put("repository_id", commit.repositoryId());
        json.put("sha", commit.sha());
        json.put("message", commit.message());
        json.put("author_login", commit.authorLogin());
        json.put("author_name", commit.authorName());
        json.put("committer_login", commit.committerLogin());
        json.put("committer_name", commit.committerName());
        json.put("committed_at", time(commit.committedAt()));
        json.put("html_url", commit.htmlUrl());
        json.set("branches", strings(commit.branches()));
        // null lists: the commit was read from GitHub's listing, which does not name its files
        json.set("added", strings(commit.added()));
        json.set("removed", strings(commit.removed()));
        json.set("modified", strings(commit.modified()));
        return json;
    }

    /**
     * A commit with its page under the repository's current URL, as GitHub serves it: a rename or transfer moves
     * every commit's page, while the stored URL is the one of the push or listing that brought the commit in.
     */
    static ObjectNode commit(Commit commit, String repositoryHtmlUrl) {
        ObjectNode json = commit(commit);
        if (repositoryHtmlUrl != null) {
            json.put("html_url", repositoryHtmlUrl + "/commit/" + commit.sha());
        }
        return json;
    }

    static ObjectNode contributor(Contributor contributor) {
        ObjectNode json = WireJson.object();
        json.put("repository_id", contributor.repositoryId());
        json.put("github_id", contributor.githubId());
        json.put("login", contributor.login());
        json.put("name", contributor.name());
        json.put("avatar_url", contributor.avatarUrl());
        json.put("commit_count", contributor.commitCount());
        json.put("first_commit_at", time(contributor.firstCommitAt()));
        json.put("last_commit_at", time(contributor.lastCommitAt()));
        return json;
    }

    static ObjectNode issue(Issue issue) {
        ObjectNode json = WireJson.object();
        json.put("repository_id", issue.repositoryId());
        json.put("github_issue_id", issue.githubIssueId());
        json.put("number", issue.number());
        json.put("title", issue.title());
        json.put("body", issue.body());
        json.put("state", issue.state());
        json.put("state_reason", issue.stateReason());
        json.set("labels", strings(issue.labels()));
        json.set("assignees", strings(issue.assignees()));
        json.put("author", issue.author());
        json.put("comments", issue.comments());
        json.put("created_at", time(issue.createdAt()));
        json.put("updated_at", time(issue.updatedAt()));
        json.put("closed_at", time(issue.closedAt()));
        return json;
    }

    static ObjectNode pull(PullRequest pull) {
        ObjectNode json = WireJson.object();
        json.put("repository_id", pull.repositoryId());
        json.put("github_id", pull.githubId());
        json.put("number", pull.number());
        json.put("title", pull.title());
        json.put("body", pull.body());
        json.put("state", pull.state());
        json.put("draft", pull.draft());
        json.put("merged", pull.merged());
        json.put("merged_at", time(pull.mergedAt()));
        json.put("author", pull.author());
        json.put("head_ref", pull.headRef());
        json.put("base_ref", pull.baseRef());
        json.put("created_at", time(pull.createdAt()));
        json.put("updated_at", time(pull.updatedAt()));
        json.put("closed_at", time(pull.closedAt()));
        return json;
    }
}
