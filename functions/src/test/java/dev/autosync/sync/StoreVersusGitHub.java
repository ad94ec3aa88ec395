package dev.autosync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.store.Commit;
import dev.autosync.store.CommitFilter;
import dev.autosync.store.Contributor;
import dev.autosync.store.Issue;
import dev.autosync.store.IssueState;
import dev.autosync.store.PullRequest;
import dev.autosync.store.PullState;
import dev.autosync.store.Repository;
import dev.autosync.store.StoreQueries;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compares the store with the sandbox's {@code /_sandbox/state}, field by field, and lists every
 * difference: repositories (name, default branch, archived), the default branch's commit SHAs, issues
 * (title, state), pull requests (title, state, merged) — and the store's own counters against what it
 * holds (commit count, contributors' commit counts, open issue and pull counts), which no order of
 * webhooks and syncs may leave off by one.
 */
final class StoreVersusGitHub {

    private StoreVersusGitHub() {
    }

    static List<String> differences(JsonNode state, StoreQueries store) {
        List<String> out = new ArrayList<>();
        Set<Long> expectedRepos = new HashSet<>();
        for (JsonNode installation : state.path("installations")) {
            if (installation.path("suspended").asBoolean(false)) {
                continue;
            }
            long installationId = installation.path("id").asLong();
            if (store.installation(installationId).isEmpty()) {
                out.add("installation " + installationId + " missing");
            }
            for (JsonNode repo : installation.path("repositories")) {
                long id = repo.path("id").asLong();
                expectedRepos.add(id);
                compareRepository(repo, installationId, store, out);
            }
        }
        for (Repository stored : Pages.all(page -> store.repositories(Optional.empty(), page))) {
            if (!expectedRepos.contains(stored.githubId())) {
                out.add("repository " + stored.fullName() + " (" + stored.githubId() + ") should be gone");
            }
        }
        return out;
    }

    private static void compareRepository(JsonNode repo, long installationId, StoreQueries store, List<String> out) {
        long id = repo.path("id").asLong();
        String name = repo.path("full_name").asText();
        Optional<Repository> found = store.repository(id);
        if (found.isEmpty()) {
            out.add("repository " + name + " missing");
            return;
        }
        Repository stored = found.get();
        check(out, name + " full_name", name, stored.fullName());
        check(out, name + " installation", installationId, stored.installationId());
        check(out, name + " default_branch", repo.path("default_branch").asText(), stored.defaultBranch());
        check(out, name + " archived", repo.path("archived").asBoolean(), stored.archived());

        List<String> shas = new ArrayList<>();
        repo.path("commits").forEach(sha -> shas.add(sha.asText()));
        List<String> storedShas = Pages.all(page -> store.commits(id, new CommitFilter(Optional.of(stored.defaultBranch()),
                Optional.empty(), Optional.empty(), Optional.empty()), page)).stream().map(Commit::sha).toList();
        check(out, name + " commits", new HashSet<>(shas), new HashSet<>(storedShas));
        List<Commit> all = Pages.all(page -> store.commits(id, CommitFilter.none(), page));
        check(out, name + " commit_count", (long) all.size(), stored.commitCount());
        List<Contributor> contributors = Pages.all(page -> store.contributors(id, page));
        check(out, name + " contributors' commits", (long) all.size(),
                contributors.stream().mapToLong(Contributor::commitCount).sum());
        check(out, name + " contributor_count", (long) contributors.size(), stored.contributorCount());

        Map<Long, String> issues = new TreeMap<>();
        repo.path("issues").forEach(i -> issues.put(i.path("number").asLong(), i.path("title").asText() + "|" + i.path("state").asText()));
        Map<Long, String> storedIssues = new TreeMap<>();
        List<Issue> storedIssueList = Pages.all(page -> store.issues(id, IssueState.ALL, page));
        storedIssueList.forEach(i -> storedIssues.put(i.number(), i.title() + "|" + i.state()));
        check(out, name + " issues", issues, storedIssues);
        check(out, name + " open_issues_count", storedIssueList.stream().filter(Issue::open).count(), stored.openIssuesCount());

        Map<Long, String> pulls = new TreeMap<>();
        repo.path("pull_requests").forEach(p -> pulls.put(p.path("number").asLong(),
                p.path("title").asText() + "|" + p.path("state").asText() + "|" + p.path("merged").asBoolean()));
        Map<Long, String> storedPulls = new HashMap<>();
        List<PullRequest> storedPullList = Pages.all(page -> store.pulls(id, PullState.ALL, page));
        storedPullList.forEach(p -> storedPulls.put(p.number(), p.title() + "|" + p.state() + "|" + p.merged()));
        check(out, name + " pull_requests", pulls, new TreeMap<>(storedPulls));
        check(out, name + " open_pull_count", storedPullList.stream().filter(PullRequest::open).count(), stored.openPullCount());
    }

    private static void check(List<String> out, String what, Object expected, Object actual) {
        if (!java.util.Objects.equals(expected, actual)) {
            out.add(what + ": expected " + expected + ", store has " + actual);
        }
    }
}
