package dev.autosync.github;

import java.time.Instant;
import java.util.Optional;

/** An installation of the App, with the account it is installed on. */
public record Installation(InstallationId id, String accountLogin, long accountId, String accountType,
                           Optional<Instant> suspendedAt) {

    public boolean suspended() {
        return suspendedAt.isPresent();
    }
}
