package dev.autosync.store;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A commit of a repository. Immutable once stored, except that {@code branches} grows when the same
 * commit is pushed to another branch.
 *
 * @param authorKey the {@link Contributor#keyFor contributor key} of the author
 * @param authorEmail kept for the contributor identity; the api never shows it
 */
public record Commit(long repositoryId, String sha, String message, String authorKey, String authorLogin,
                     String authorName, String authorEmail, String committerLogin,
                     String committerName, Instant committedAt, String htmlUrl, Set<String> branches,
                     List<String> added, List<String> removed, List<String> modified) {

    /**
     * Whether the file lists are known: a push webhook lists them; GitHub's commit listing, which the sync
     * engine reads, does not (null lists).
     */
    public boolean filesKnown() {
        return added != null || removed != null || modified != null;
    }

    @Override
    public String toString() {
        return "Commit[repository=" + repositoryId + ", sha=" + sha + "]";
    }
}
