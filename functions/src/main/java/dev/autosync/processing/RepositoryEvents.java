package dev.autosync.processing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.common.WebhookEvent.Action;
import dev.autosync.store.EntityStore;
import dev.autosync.store.Repository;
import dev.autosync.store.WriteOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code repository} and {@code installation_repositories} events: record, import or delete repositories.
 * Renames and transfers change names, owner and URL only: GitHub's repository id, our key, stays.
 *
 * @see <a href="https://docs.github.com/en/webhooks/webhook-events-and-payloads#repository">repository event</a>
 */
final class RepositoryEvents {

    private final EntityStore entities;
    private final SyncRequests sync;

    RepositoryEvents(EntityStore entities, SyncRequests sync) {
        this.entities = entities;
        this.sync = sync;
    }

    /**
     * @param receivedAt when the delivery reached the webhook: a deletion is dated by it (see the store's
     *                   write rules), because the payload's times say when the repository last changed, not
     *                   when it was deleted, and are no match for the installation times adds are dated by
     * @param observed   when the payload's repository was observed (see {@code store.Observations})
     */
    Outcome repository(String deliveryId, String action, JsonNode payload, Instant receivedAt, Instant observed) {
        Repository repository = Payloads.repository(payload.path("repository"), Payloads.installationId(payload));
        if (Action.DELETED.equals(action)) {
            Instant changed = Payloads.repositoryVersion(repository);
            entities.deleteRepository(repository.githubId(), receivedAt.isAfter(changed) ? receivedAt : changed);
            return Outcome.applied("repository deleted");
        }
        Outcome outcome = Outcome.written("repository", upsert(repository, observed));
        if (Action.CREATED.equals(action)) {
            sync.importRepositories(deliveryId, repository.installationId(), List.of(repository), "repository_created");
            outcome = outcome.and("import requested");
        }
        return outcome;
    }

    Outcome installationRepositories(String deliveryId, String action, JsonNode payload, Instant observed) {
        long installationId = Payloads.id(payload.path("installation"), "installation");
        // GitHub's only clock for selection changes: the installation's updated_at orders a removal and a re-add.
        Instant version = Optional.ofNullable(Payloads.time(payload.path("installation"), "installation", "updated_at"))
                .orElse(Instant.EPOCH);
        List<Repository> added = InstallationEvents.listed(payload.path("repositories_added"), installationId);
        List<Repository> removed = InstallationEvents.listed(payload.path("repositories_removed"), installationId);
        removed.forEach(repository -> entities.deleteRepository(repository.githubId(), version));
        for (Repository repository : added) {
            entities.reviveRepository(repository.githubId(), version);
            upsert(repository, observed);
        }
        if (!added.isEmpty()) {
            sync.importRepositories(deliveryId, installationId, added, "repositories_added");
        }
        return Outcome.applied(added.size() + " repositories added, " + removed.size() + " removed");
    }

    WriteOutcome upsert(Repository repository, Instant observed) {
        return entities.upsertRepository(repository, Payloads.repositoryVersion(repository), observed);
    }
}
