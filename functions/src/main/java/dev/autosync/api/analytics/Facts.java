package dev.autosync.api.analytics;

import java.time.Instant;
import java.util.Optional;

/** The few fields of stored items that analytics reads, so the calculation does not depend on item shapes. */
public final class Facts {

    private Facts() {
    }

    /**
     * One commit.
     *
     * @param author who to credit: the GitHub login when known, else the author's name (never the e-mail)
     */
    public record CommitFact(String author, Instant committedAt) {
    }

    /**
     * {@code commits} commits by one author dated at or after {@code from}, for the calculation no earlier than
     * the next: one commit at its own time, or a day's at the day's start (the calculation groups commits by
     * day at the finest, so a day counted at its start is counted exactly).
     */
    public record CommitCount(String author, Instant from, long commits) {
    }

    /** One issue (pull requests excluded). */
    public record IssueFact(Instant createdAt, Optional<Instant> closedAt, boolean open) {
    }

    /** One pull request. */
    public record PullFact(Instant createdAt, Optional<Instant> mergedAt, boolean open) {
    }
}
