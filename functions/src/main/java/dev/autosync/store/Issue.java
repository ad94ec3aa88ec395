package dev.autosync.store;

import java.time.Instant;
import java.util.List;

/**
 * An issue of a repository, as of GitHub's {@code updatedAt}.
 *
 * @param author the login of the issue's user, or null for a deleted account
 */
public record Issue(long repositoryId, long githubIssueId, long number, String title, String body, String state,
                    String stateReason, List<String> labels, List<String> assignees, String author, int comments,
                    Instant createdAt, Instant updatedAt, Instant closedAt) {

    public boolean open() {
        return "open".equals(state);
    }

    @Override
    public String toString() {
        return "Issue[repository=" + repositoryId + ", number=" + number + ", state=" + state + "]";
    }
}
