package dev.autosync.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The sandbox's mutable state, guarded by the {@link GitHubSandbox} monitor. */
final class Model {

    private Model() {
    }

    /** A repository's {@code installationId} when no installation can see it. */
    static final long NO_INSTALLATION = 0;

    /** A user or organisation. */
    record Account(String login, long id, String type) {
    }

    static final class Installation {
        final long id;
        final Account account;
        final Instant createdAt;
        Instant suspendedAt;
        boolean removed;
        /** {@code all} until a repository is added or removed by name, then {@code selected}, as on GitHub. */
        String repositorySelection = "all";

        Installation(long id, Account account, Instant createdAt) {
            this.id = id;
            this.account = account;
            this.createdAt = createdAt;
        }
    }

    record Commit(String sha, String message, Account author, Instant at, String parentSha) {
    }

    static final class Repo {
        final long id;
        final Instant createdAt;
        /** Changes on a transfer; the id stays, as on GitHub. */
        Account owner;
        /** The installation that can see it; {@link #NO_INSTALLATION} once removed from its installation. */
        long installationId;
        String name;
        Instant updatedAt;
        Instant pushedAt;
        String defaultBranch = "main";
        String description;
        boolean archived;
        boolean deleted;
        /** Issue and PR numbers are never reused, even after a deletion. */
        int lastNumber;
        /** Branch name to its commits, oldest first. */
        final Map<String, List<Commit>> branches = new LinkedHashMap<>();
        /** Issues and pull requests share one numbering, as on GitHub. */
        final List<Issue> issues = new ArrayList<>();

        Repo(long id, Account owner, long installationId, String name, Instant createdAt) {
            this.id = id;
            this.owner = owner;
            this.installationId = installationId;
            this.name = name;
            this.createdAt = createdAt;
            this.updatedAt = createdAt;
            this.pushedAt = createdAt;
            branches.put(defaultBranch, new ArrayList<>());
        }

        boolean visibleTo(long installation) {
            return !deleted && installationId == installation;
        }

        String fullName() {
            return owner.login() + "/" + name;
        }

        List<Commit> branch(String branch) {
            List<Commit> commits = branches.get(branch);
            if (commits == null) {
                throw new UnknownEntityException("no branch " + branch + " in " + fullName());
            }
            return commits;
        }

        String headSha(String branch) {
            List<Commit> commits = branch(branch);
            return commits.isEmpty() ? "0000000000000000000000000000000000000000" : commits.get(commits.size() - 1).sha();
        }

        Issue issue(int number) {
            return issues.stream().filter(i -> i.number == number).findFirst()
                    .orElseThrow(() -> new UnknownEntityException("no issue or pull request #" + number + " in " + fullName()));
        }
    }

    static final class Issue {
        final long id;
        final int number;
        final Account user;
        final Instant createdAt;
        final PullInfo pull;
        String title;
        String body;
        List<String> labels = List.of();
        List<Account> assignees = List.of();
        String state = "open";
        /** GitHub's {@code state_reason}: null while never closed, {@code completed} once closed. */
        String stateReason;
        int comments;
        Instant updatedAt;
        Instant closedAt;

        Issue(long id, int number, String title, Account user, Instant createdAt, PullInfo pull) {
            this.id = id;
            this.number = number;
            this.title = title;
            this.user = user;
            this.createdAt = createdAt;
            this.updatedAt = createdAt;
            this.pull = pull;
        }

        boolean isPull() {
            return pull != null;
        }
    }

    /** What only a pull request has. */
    static final class PullInfo {
        final String head;
        final String base;
        boolean draft;
        Instant mergedAt;
        String mergeCommitSha;

        PullInfo(String head, String base) {
            this.head = head;
            this.base = base;
        }
    }
}
