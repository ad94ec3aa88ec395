package dev.autosync.sync;

import java.time.Instant;
import java.util.Optional;

/**
 * A repository as this run's listing of its installation shows it: read from GitHub, or — on a listing
 * page GitHub answered {@code 304} because nothing on it changed — as the store holds it.
 *
 * @param fresh GitHub's record, when the page was read
 */
record Listed(long id, String fullName, Optional<Instant> pushedAt, String defaultBranch,
              Optional<dev.autosync.github.Repository> fresh) {

    static Listed of(dev.autosync.github.Repository repo) {
        return new Listed(repo.id(), repo.ref().fullName(), repo.pushedAt(), repo.defaultBranch(), Optional.of(repo));
    }

    static Listed of(dev.autosync.store.Repository repo) {
        return new Listed(repo.githubId(), repo.fullName(), Optional.ofNullable(repo.pushedAt()), repo.defaultBranch(),
                Optional.empty());
    }
}
