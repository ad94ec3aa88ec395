package dev.autosync.sandbox;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Changes to what a repository holds (commits, issues, pull requests), each adding the webhook GitHub
 * would send to {@code events}. Called by {@link GitHubSandbox} with its monitor held; kept apart so the
 * sandbox's public class stays a readable list of what can be done.
 */
final class Content {

    private final Clock clock;
    private final AtomicLong ids;
    private final WebhookPayloads payloads;
    private final Function<String, Model.Account> users;

    Content(Clock clock, AtomicLong ids, WebhookPayloads payloads, Function<String, Model.Account> users) {
        this.clock = clock;
        this.ids = ids;
        this.payloads = payloads;
        this.users = users;
    }

    List<String> push(Model.Repo repo, String branch, List<String> messages, Model.Account actor,
                      List<WebhookPayloads.Event> events) {
        writable(repo);
        String before = repo.headSha(branch);
        List<Model.Commit> pushed = commits(repo, branch, messages, actor);
        events.add(payloads.push(repo, branch, before, pushed, actor));
        return pushed.stream().map(Model.Commit::sha).toList();
    }

    /** Drops the branch's newest {@code drop} commits, then adds one commit per message: a rewritten history. */
    List<String> forcePush(Model.Repo repo, String branch, int drop, List<String> messages, Model.Account actor,
                           List<WebhookPayloads.Event> events) {
        writable(repo);
        List<Model.Commit> commits = repo.branch(branch);
        if (drop < 0 || drop > commits.size()) {
            throw new IllegalArgumentException("cannot drop " + drop + " of the " + commits.size() + " commits on " + branch);
        }
        String before = repo.headSha(branch);
        commits.subList(commits.size() - drop, commits.size()).clear();
        List<Model.Commit> pushed = commits(repo, branch, messages, actor);
        events.add(payloads.push(repo, branch, before, pushed, actor, true));
        return pushed.stream().map(Model.Commit::sha).toList();
    }

    int open(Model.Repo repo, String title, String body, List<String> labels, Model.PullInfo pull,
             Model.Account actor, List<WebhookPayloads.Event> events) {
        Objects.requireNonNull(title, "title");
        if (pull != null) {
            repo.branch(pull.head);
            repo.branch(pull.base);
        }
        Model.Issue issue = new Model.Issue(ids.incrementAndGet(), ++repo.lastNumber, title, actor, clock.instant(), pull);
        issue.body = body;
        issue.labels = List.copyOf(labels);
        repo.issues.add(issue);
        events.add(event("opened", repo, issue, actor, null));
        return issue.number;
    }

    /** Sets what is not null; {@code edited} says what changed, in GitHub's {@code changes} form. */
    void edit(Model.Repo repo, int number, String title, String body, List<String> labels, Model.Account actor,
              List<WebhookPayloads.Event> events) {
        Model.Issue issue = repo.issue(number);
        ObjectNode changes = JsonNodeFactory.instance.objectNode();
        if (title != null && !title.equals(issue.title)) {
            changes.putObject("title").put("from", issue.title);
            issue.title = title;
        }
        if (body != null && !body.equals(issue.body)) {
            changes.putObject("body").put("from", issue.body);
            issue.body = body;
        }
        boolean relabelled = labels != null && !labels.equals(issue.labels);
        if (relabelled) {
            issue.labels = List.copyOf(labels);
        }
        issue.updatedAt = clock.instant();
        if (!changes.isEmpty() || !relabelled) {
            events.add(event("edited", repo, issue, actor, changes));
        }
        if (relabelled) {
            events.add(event("labeled", repo, issue, actor, null));
        }
    }

    void assign(Model.Repo repo, int number, List<String> logins, Model.Account actor, List<WebhookPayloads.Event> events) {
        Model.Issue issue = repo.issue(number);
        issue.assignees = logins.stream().map(users).toList();
        issue.updatedAt = clock.instant();
        events.add(event("assigned", repo, issue, actor, null));
    }

    void close(Model.Repo repo, int number, Model.Account actor, List<WebhookPayloads.Event> events) {
        Model.Issue issue = repo.issue(number);
        markClosed(issue);
        events.add(event("closed", repo, issue, actor, null));
    }

    /** GitHub deletes issues, never pull requests; the number is not reused. */
    void delete(Model.Repo repo, int number, Model.Account actor, List<WebhookPayloads.Event> events) {
        Model.Issue issue = repo.issue(number);
        if (issue.isPull()) {
            throw new IllegalArgumentException("#" + number + " is a pull request, which GitHub cannot delete");
        }
        repo.issues.remove(issue);
        events.add(payloads.issue("deleted", repo, issue, actor));
    }

    /** Merges the head branch's commits into the base branch with a merge commit, and closes the PR. */
    void merge(Model.Repo repo, int number, Model.Account actor, List<WebhookPayloads.Event> events) {
        Model.Issue pull = repo.issue(number);
        if (!pull.isPull() || pull.pull.mergedAt != null || !"open".equals(pull.state)) {
            throw new IllegalArgumentException("#" + number + " is not an open pull request");
        }
        List<Model.Commit> base = repo.branch(pull.pull.base);
        repo.branch(pull.pull.head).stream().filter(c -> !base.contains(c)).forEach(base::add);
        pull.pull.mergeCommitSha = commits(repo, pull.pull.base, List.of("Merge pull request #" + number), actor).get(0).sha();
        pull.pull.mergedAt = clock.instant();
        markClosed(pull);
        events.add(payloads.pull("closed", repo, pull, actor));
    }

    /** Appends commits to the branch; a push moves {@code pushed_at} (and {@code updated_at}). */
    List<Model.Commit> commits(Model.Repo repo, String branch, List<String> messages, Model.Account author) {
        List<Model.Commit> commits = repo.branch(branch);
        List<Model.Commit> added = new ArrayList<>();
        for (String message : messages) {
            String parent = commits.isEmpty() ? null : commits.get(commits.size() - 1).sha();
            String sha = HexFormat.of().formatHex(ByteBuffer.allocate(20)
                    .putLong(ids.incrementAndGet()).putLong(repo.id).putInt(commits.size()).array());
            Model.Commit commit = new Model.Commit(sha, message, author, clock.instant(), parent);
            commits.add(commit);
            added.add(commit);
        }
        repo.pushedAt = clock.instant();
        repo.updatedAt = repo.pushedAt;
        return added;
    }

    private WebhookPayloads.Event event(String action, Model.Repo repo, Model.Issue issue, Model.Account actor,
                                        ObjectNode changes) {
        return issue.isPull() ? payloads.pull(action, repo, issue, actor, changes)
                : payloads.issue(action, repo, issue, actor, changes);
    }

    private void markClosed(Model.Issue issue) {
        issue.state = "closed";
        issue.closedAt = clock.instant();
        issue.updatedAt = issue.closedAt;
        if (!issue.isPull()) {
            issue.stateReason = "completed";
        }
    }

    /** GitHub refuses pushes to an archived repository (it is read-only). */
    private static void writable(Model.Repo repo) {
        if (repo.archived) {
            throw new IllegalArgumentException(repo.fullName() + " is archived (read-only)");
        }
    }
}
