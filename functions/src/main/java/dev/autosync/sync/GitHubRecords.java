package dev.autosync.sync;

import dev.autosync.github.InstallationId;
import dev.autosync.store.Commit;
import dev.autosync.store.Contributor;
import dev.autosync.store.Installation;
import dev.autosync.store.Issue;
import dev.autosync.store.PullRequest;
import dev.autosync.store.Repository;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * GitHub's REST records to the store's records, field for field as the processor maps webhook payloads
 * ({@code processing.Payloads}, {@code processing.Push}): a sync write and a webhook write of the same
 * entity at the same GitHub time store the same item, so neither erases what the other wrote.
 */
final class GitHubRecords {

    private GitHubRecords() {
    }

    static Installation installation(dev.autosync.github.Installation installation) {
        return new Installation(installation.id().value(), installation.accountLogin(), installation.accountType(),
                installation.repositorySelection().orElse(null), installation.suspendedAt().orElse(null), null,
                installation.createdAt().orElse(null), installation.updatedAt().orElse(null));
    }

    /** The order key of an installation write: GitHub's updated_at, else epoch 0 (any webhook wins). */
    static Instant installationVersion(dev.autosync.github.Installation installation) {
        return installation.updatedAt().orElse(Instant.EPOCH);
    }

    /** When a GitHub answer's data was observed: see {@link dev.autosync.store.Observations#read}. */
    static Instant observedAt(Optional<Instant> date, Instant now) {
        return dev.autosync.store.Observations.read(date, now);
    }

    static Repository repository(dev.autosync.github.Repository repo, InstallationId installation) {
        return new Repository(repo.id(), installation.value(), repo.ref().name(), repo.ref().fullName(), repo.ref().owner(),
                repo.htmlUrl(), repo.privateRepo(), repo.defaultBranch(), repo.language().orElse(null),
                repo.description().orElse(null), repo.archived(), repo.disabled(), repo.createdAt(), repo.updatedAt(),
                repo.pushedAt().orElse(null), null, true, true, 0, 0, 0, 0);
    }

    /** The later of updated_at and pushed_at: the clock the webhook path orders repository writes by. */
    static Instant repositoryVersion(dev.autosync.github.Repository repo) {
        Instant pushed = repo.pushedAt().orElse(Instant.EPOCH);
        return repo.updatedAt().isAfter(pushed) ? repo.updatedAt() : pushed;
    }

    static Issue issue(dev.autosync.github.Issue issue, long repositoryId) {
        return new Issue(repositoryId, issue.id(), issue.number(), issue.title(), issue.body().orElse(null), issue.state(),
                issue.stateReason().orElse(null), List.copyOf(issue.labels()), List.copyOf(issue.assignees()),
                issue.authorLogin(), issue.comments(), issue.createdAt(), issue.updatedAt(), issue.closedAt().orElse(null));
    }

    static PullRequest pull(dev.autosync.github.PullRequest pull, long repositoryId) {
        return new PullRequest(repositoryId, pull.id(), pull.number(), pull.title(), pull.body().orElse(null), pull.state(),
                pull.draft(), pull.merged(), pull.mergedAt().orElse(null), pull.authorLogin(), pull.headRef(),
                pull.baseRef(), pull.createdAt(), pull.updatedAt(), pull.closedAt().orElse(null));
    }

    /**
     * A commit as the listing shows it. GitHub's commit listing carries no file lists, and fetching each
     * commit for them would cost one request per commit, so commits written by sync have none.
     */
    static Commit commit(dev.autosync.github.Commit commit, long repositoryId, String branch) {
        String login = commit.authorLogin().orElse(null);
        return new Commit(repositoryId, commit.sha(), commit.message(),
                Contributor.keyFor(login, commit.authorEmail(), commit.authorName()), login, commit.authorName(),
                commit.authorEmail(), commit.committerLogin().orElse(null), commit.committerName().orElse(null),
                commit.committedAt(), commit.htmlUrl(), Set.of(branch), null, null, null);
    }
}
