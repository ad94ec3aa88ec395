package dev.autosync.store;

import java.time.Instant;

/** A pull request of a repository, as of GitHub's {@code updatedAt}; merged = closed with {@code merged: true}. */
public record PullRequest(long repositoryId, long githubId, long number, String title, String body, String state,
                          boolean draft, boolean merged, Instant mergedAt, String author, String headRef,
                          String baseRef, Instant createdAt, Instant updatedAt, Instant closedAt) {

    public boolean open() {
        return "open".equals(state);
    }

    @Override
    public String toString() {
        return "PullRequest[repository=" + repositoryId + ", number=" + number + ", state=" + state + "]";
    }
}
