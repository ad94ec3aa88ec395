package dev.autosync.store;

import java.time.Instant;
import java.util.Optional;

/** Filters of a repository's commit list; every part is optional and they combine. */
public record CommitFilter(Optional<String> branch, Optional<Instant> since, Optional<Instant> until,
                           Optional<String> author) {

    public static CommitFilter none() {
        return new CommitFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
