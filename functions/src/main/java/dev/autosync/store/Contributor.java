package dev.autosync.store;

import java.time.Instant;
import java.util.Locale;

/**
 * A contributor as seen in one repository (the per-repository link carries the profile too). A
 * contributor exists while at least one repository links to it, so deleting a repository's links
 * removes the contributors who belong to no other repository without a separate sweep that could race
 * a push.
 *
 * @param key      stable identity: the lower-cased login, or {@code email:<address>} for commit authors
 *                 GitHub could not match to an account
 * @param githubId GitHub's user id when known (commit authors in push payloads carry none)
 */
public record Contributor(long repositoryId, String key, Long githubId, String login, String name,
                          String avatarUrl, long commitCount, Instant firstCommitAt, Instant lastCommitAt) {

    /** The identity of a commit author: login when GitHub matched one, else the e-mail address, else the name. */
    public static String keyFor(String login, String email, String name) {
        if (login != null && !login.isBlank()) {
            return login.toLowerCase(Locale.ROOT);
        }
        if (email != null && !email.isBlank()) {
            return "email:" + email.toLowerCase(Locale.ROOT);
        }
        return "name:" + (name == null || name.isBlank() ? "unknown" : name.toLowerCase(Locale.ROOT));
    }
}
