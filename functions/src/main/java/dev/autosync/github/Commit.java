package dev.autosync.github;

import java.time.Instant;
import java.util.Optional;

/**
 * A commit. {@code authorLogin}/{@code committerLogin} are the GitHub accounts GitHub matched to the
 * author's and committer's e-mail, if any (a push webhook's {@code username}s);
 * {@code authorName}/{@code authorEmail}/{@code committerName} are what git recorded; {@code htmlUrl}
 * is the commit's web page (a push webhook's commit {@code url}). {@code toString()} shows only the sha.
 *
 * @see <a href="https://docs.github.com/en/rest/commits/commits#list-commits">List commits</a>
 */
public record Commit(String sha, String message, String authorName, String authorEmail,
                     Optional<String> authorLogin, Instant authoredAt, Instant committedAt,
                     Optional<String> committerName, Optional<String> committerLogin, String htmlUrl) {

    public Commit {
        authorLogin = authorLogin == null ? Optional.empty() : authorLogin;
        committerName = committerName == null ? Optional.empty() : committerName;
        committerLogin = committerLogin == null ? Optional.empty() : committerLogin;
    }

    @Override
    public String toString() {
        return "Commit[" + sha + "]";
    }
}
