package dev.autosync.github;

import java.time.Instant;
import java.util.Optional;

/**
 * A commit. {@code authorLogin} is the GitHub account GitHub matched to the author's e-mail, if any;
 * {@code authorName}/{@code authorEmail} are what git recorded.
 */
public record Commit(String sha, String message, String authorName, String authorEmail,
                     Optional<String> authorLogin, Instant authoredAt, Instant committedAt) {

    @Override
    public String toString() {
        return "Commit[" + sha + "]";
    }
}
