package dev.autosync.github;

import java.time.Instant;
import java.util.Optional;

/** An issue (never a pull request: the client filters those out of issue listings). */
public record Issue(long id, int number, String title, String state, String authorLogin,
                    Instant createdAt, Instant updatedAt, Optional<Instant> closedAt) {
}
