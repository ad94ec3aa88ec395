package dev.autosync.processing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.common.WebhookEvent.Action;
import dev.autosync.store.EntityStore;
import dev.autosync.store.Installation;
import dev.autosync.store.Repository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code installation} events: record the installation; on {@code created} start an auto-import; on
 * {@code deleted} remove it with all its data, or keep it marked uninstalled when configured to.
 *
 * @see <a href="https://docs.github.com/en/webhooks/webhook-events-and-payloads#installation">installation event</a>
 */
final class InstallationEvents {

    private final EntityStore entities;
    private final SyncRequests sync;
    private final boolean retainDataOnUninstall;

    InstallationEvents(EntityStore entities, SyncRequests sync, boolean retainDataOnUninstall) {
        this.entities = entities;
        this.sync = sync;
        this.retainDataOnUninstall = retainDataOnUninstall;
    }

    /** @param observed when the delivery's data was observed (see {@code store.Observations}) */
    Outcome handle(String deliveryId, String action, JsonNode payload, Instant observed) {
        Installation installation = Payloads.installation(payload.path("installation"));
        Instant version = installation.updatedAt() == null ? Instant.EPOCH : installation.updatedAt();
        if (Action.DELETED.equals(action)) {
            if (retainDataOnUninstall) {
                entities.markUninstalled(installation.id());
                return Outcome.applied("installation uninstalled, data retained");
            }
            entities.deleteInstallation(installation.id(), version);
            return Outcome.applied("installation deleted");
        }
        Outcome outcome = Outcome.written("installation", entities.upsertInstallation(installation, version, observed));
        if (Action.CREATED.equals(action)) {
            for (Repository repository : listed(payload.path("repositories"), installation.id())) {
                // A reinstall brings back repositories an earlier uninstall deleted.
                entities.reviveRepository(repository.githubId(), version);
                entities.upsertRepository(repository, Payloads.repositoryVersion(repository), observed);
            }
            sync.importInstallation(deliveryId, installation.id());
            outcome = outcome.and("import requested");
        }
        return outcome;
    }

    /** The short repository objects that installation payloads list (id, name, full_name, private). */
    static List<Repository> listed(JsonNode array, long installationId) {
        List<Repository> repositories = new ArrayList<>();
        array.forEach(node -> repositories.add(Payloads.repository(node, installationId)));
        return repositories;
    }
}
