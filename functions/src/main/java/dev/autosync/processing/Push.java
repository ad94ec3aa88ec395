package dev.autosync.processing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.store.Commit;
import dev.autosync.store.Contributor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@code push} payload says, read as GitHub sends it.
 *
 * @param branch  the branch pushed to; empty for a tag push
 * @param commits the pushed commits (empty for tags, deletions and branches created on existing commits)
 * @see <a href="https://docs.github.com/en/webhooks/webhook-events-and-payloads#push">push event</a>
 */
record Push(Optional<String> branch, boolean created, boolean deleted, boolean forced, boolean headCommit,
            List<Commit> commits) {

    private static final String BRANCH_PREFIX = "refs/heads/";
    /** GitHub lists at most this many commits in a push webhook; a push with more is truncated. */
    static final int MAX_LISTED_COMMITS = 2048;

    static Push read(JsonNode payload, long repositoryId) {
        String ref = Payloads.text(payload, "ref");
        Optional<String> branch = ref != null && ref.startsWith(BRANCH_PREFIX)
                ? Optional.of(ref.substring(BRANCH_PREFIX.length())) : Optional.empty();
        boolean deleted = payload.path("deleted").asBoolean(false);
        List<Commit> commits = new ArrayList<>();
        if (branch.isPresent() && !deleted) {
            for (JsonNode commit : payload.path("commits")) {
                commits.add(commit(commit, repositoryId, branch.get()));
            }
        }
        JsonNode head = payload.path("head_commit");
        return new Push(branch, payload.path("created").asBoolean(false), deleted,
                payload.path("forced").asBoolean(false), !head.isNull() && !head.isMissingNode(), commits);
    }

    /** Why the branch must be re-read from the API, if it must. */
    Optional<String> resyncReason() {
        if (branch.isEmpty() || deleted) {
            return Optional.empty();
        }
        if (forced) {
            return Optional.of("push_forced");
        }
        if (commits.size() >= MAX_LISTED_COMMITS) {
            return Optional.of("push_truncated");
        }
        if (created && commits.isEmpty() && headCommit) {
            return Optional.of("branch_created");
        }
        return Optional.empty();
    }

    private static Commit commit(JsonNode node, long repositoryId, String branch) {
        String sha = Payloads.text(node, "id");
        if (sha == null || sha.isBlank()) {
            throw new UnreadablePayloadException("commit.id is missing");
        }
        JsonNode author = node.path("author");
        JsonNode committer = node.path("committer");
        String login = Payloads.text(author, "username");
        String email = Payloads.text(author, "email");
        String name = Payloads.text(author, "name");
        java.time.Instant at = Payloads.required(Payloads.time(node, "commit", "timestamp"), "commit.timestamp");
        return new Commit(repositoryId, sha, Payloads.text(node, "message"), Contributor.keyFor(login, email, name),
                login, name, email, Payloads.text(committer, "username"), Payloads.text(committer, "name"), at,
                Payloads.text(node, "url"), Set.of(branch), strings(node.path("added")),
                strings(node.path("removed")), strings(node.path("modified")));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
