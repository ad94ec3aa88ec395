package dev.autosync.github;

import java.time.Instant;
import java.util.Optional;

/**
 * An installation of the App, with the account it is installed on.
 *
 * @param repositorySelection {@code all} or {@code selected}
 * @param updatedAt           GitHub's updated_at: the version the store orders installation writes by
 */
public record Installation(InstallationId id, String accountLogin, long accountId, String accountType,
                           Optional<Instant> suspendedAt, Optional<String> repositorySelection,
                           Optional<Instant> createdAt, Optional<Instant> updatedAt) {

    /** Without selection and times (tests and callers that only need the account). */
    public Installation(InstallationId id, String accountLogin, long accountId, String accountType,
                        Optional<Instant> suspendedAt) {
        this(id, accountLogin, accountId, accountType, suspendedAt, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public boolean suspended() {
        return suspendedAt.isPresent();
    }
}
