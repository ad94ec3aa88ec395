package dev.autosync.github;

import java.time.Instant;
import java.util.Optional;

/** A pull request, with the branches it joins. */
public record PullRequest(long id, int number, String title, String state, String authorLogin,
                          String headRef, String headSha, String baseRef, Instant createdAt, Instant updatedAt,
                          Optional<Instant> closedAt, Optional<Instant> mergedAt) {

    public boolean merged() {
        return mergedAt.isPresent();
    }
}
