package dev.autosync.github;

import java.time.Instant;
import java.util.Optional;

/** The repository fields autosync keeps. */
public record Repository(long id, String nodeId, RepoRef ref, long ownerId, boolean privateRepo, boolean archived,
                         String defaultBranch, Instant createdAt, Instant updatedAt, Optional<Instant> pushedAt) {
}
