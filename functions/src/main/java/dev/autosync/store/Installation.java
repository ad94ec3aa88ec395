package dev.autosync.store;

import java.time.Instant;

/**
 * A GitHub App installation. {@code uninstalledAt} is set when the App was uninstalled with
 * {@code RETAIN_DATA_ON_UNINSTALL=true}; otherwise an uninstalled installation is deleted.
 *
 * @see <a href="https://docs.github.com/en/webhooks/webhook-events-and-payloads#installation">installation event</a>
 */
public record Installation(long id, String accountLogin, String accountType, String repositorySelection,
                           Instant suspendedAt, Instant uninstalledAt, Instant createdAt, Instant updatedAt) {

    public boolean suspended() {
        return suspendedAt != null;
    }

    public boolean active() {
        return suspendedAt == null && uninstalledAt == null;
    }
}
