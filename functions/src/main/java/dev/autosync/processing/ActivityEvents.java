package dev.autosync.processing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.common.WebhookEvent.Action;
import dev.autosync.store.CommitStore;
import dev.autosync.store.EntityStore;
import dev.autosync.store.Issue;
import dev.autosync.store.Repository;
import dev.autosync.store.WriteOutcome;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code push}, {@code issues} and {@code pull_request} events: commits, issues and pull requests of a
 * repository, each recorded from the payload's own objects, observed when the delivery reached the webhook
 * ({@code observed}, by the minute: see {@code store.Observations}).
 */
final class ActivityEvents {

    private static final Outcome SKIPPED_DELETED = Outcome.skipped("repository deleted");

    private final EntityStore entities;
    private final CommitStore commits;
    private final SyncRequests sync;

    ActivityEvents(EntityStore entities, CommitStore commits, SyncRequests sync) {
        this.entities = entities;
        this.commits = commits;
        this.sync = sync;
    }

    /** @see <a href="https://docs.github.com/en/webhooks/webhook-events-and-payloads#push">push event</a> */
    Outcome push(String deliveryId, JsonNode payload, Instant observed) {
        Repository repository = Payloads.repository(payload.path("repository"), Payloads.installationId(payload));
        Push push = Push.read(payload, repository.githubId());
        WriteOutcome outcome = commits.recordPush(repository, Payloads.repositoryVersion(repository), observed,
                push.commits(), deliveryId);
        if (outcome == WriteOutcome.DELETED) {
            return SKIPPED_DELETED;
        }
        Optional<String> resync = push.resyncReason();
        resync.ifPresent(reason -> sync.resyncBranch(deliveryId, repository, push.branch().orElseThrow(), reason));
        Outcome recorded = Outcome.applied(push.commits().size() + " commits");
        return resync.map(r -> recorded.and("resync requested (" + r + ")")).orElse(recorded);
    }

    /** @see <a href="https://docs.github.com/en/webhooks/webhook-events-and-payloads#issues">issues event</a> */
    Outcome issues(String action, JsonNode payload, Instant observed) {
        Repository repository = Payloads.repository(payload.path("repository"), Payloads.installationId(payload));
        EntityStore.Parent parent = entities.upsertParent(repository, Payloads.repositoryVersion(repository), observed);
        if (parent.deleted()) {
            return SKIPPED_DELETED;
        }
        Issue issue = Payloads.issue(payload.path("issue"), repository.githubId());
        if (Action.DELETED.equals(action) || Action.TRANSFERRED.equals(action)) {
            entities.deleteIssue(repository.githubId(), issue.number(), issue.updatedAt());
            return Outcome.applied("issue removed");
        }
        return Outcome.written("issue", entities.upsertIssue(parent, issue, observed));
    }

    /** @see <a href="https://docs.github.com/en/webhooks/webhook-events-and-payloads#pull_request">pull_request event</a> */
    Outcome pullRequest(JsonNode payload, Instant observed) {
        Repository repository = Payloads.repository(payload.path("repository"), Payloads.installationId(payload));
        EntityStore.Parent parent = entities.upsertParent(repository, Payloads.repositoryVersion(repository), observed);
        if (parent.deleted()) {
            return SKIPPED_DELETED;
        }
        return Outcome.written("pull request", entities.upsertPull(parent, Payloads.pull(payload.path("pull_request"),
                repository.githubId()), observed));
    }

    void upsertRepository(JsonNode payload, Instant observed) {
        upsert(Payloads.repository(payload.path("repository"), Payloads.installationId(payload)), observed);
    }

    private WriteOutcome upsert(Repository repository, Instant observed) {
        return entities.upsertRepository(repository, Payloads.repositoryVersion(repository), observed);
    }
}
