package dev.autosync.github;

import java.time.Instant;
import java.util.Optional;

/**
 * A pull request, with the branches it joins and the meaning the webhook path gives its fields:
 * {@code authorLogin} is null when the author's account was deleted (GitHub shows the placeholder user
 * {@code ghost}); {@code body} is empty when there is none; {@code draft} is GitHub's draft flag.
 * Build one with {@link #builder()}. {@code toString()} leaves out the title and body.
 *
 * @see <a href="https://docs.github.com/en/rest/pulls/pulls#list-pull-requests">List pull requests</a>
 */
public record PullRequest(long id, int number, String title, String state, String authorLogin,
                          String headRef, String headSha, String baseRef, Instant createdAt, Instant updatedAt,
                          Optional<Instant> closedAt, Optional<Instant> mergedAt, Optional<String> body, boolean draft) {

    public PullRequest {
        closedAt = closedAt == null ? Optional.empty() : closedAt;
        mergedAt = mergedAt == null ? Optional.empty() : mergedAt;
        body = body == null ? Optional.empty() : body;
    }

    public boolean merged() {
        return mergedAt.isPresent();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String toString() {
        return "PullRequest[id=" + id + ", number=" + number + ", state=" + state + ", updatedAt=" + updatedAt + "]";
    }

    /** Optional fields default to empty, {@code draft} to false. */
    public static final class Builder {
        private long id;
        private int number;
        private String title;
        private String state;
        private String authorLogin;
        private String headRef;
        private String headSha;
        private String baseRef;
        private Instant createdAt;
        private Instant updatedAt;
        private Optional<Instant> closedAt = Optional.empty();
        private Optional<Instant> mergedAt = Optional.empty();
        private Optional<String> body = Optional.empty();
        private boolean draft;

        private Builder() {
        }

        public Builder id(long value) { id = value; return this; }
        public Builder number(int value) { number = value; return this; }
        public Builder title(String value) { title = value; return this; }
        public Builder state(String value) { state = value; return this; }
        public Builder authorLogin(String value) { authorLogin = value; return this; }
        public Builder headRef(String value) { headRef = value; return this; }
        public Builder headSha(String value) { headSha = value; return this; }
        public Builder baseRef(String value) { baseRef = value; return this; }
        public Builder createdAt(Instant value) { createdAt = value; return this; }
        public Builder updatedAt(Instant value) { updatedAt = value; return this; }
        public Builder closedAt(Optional<Instant> value) { closedAt = value; return this; }
        public Builder mergedAt(Optional<Instant> value) { mergedAt = value; return this; }
        public Builder body(Optional<String> value) { body = value; return this; }
        public Builder draft(boolean value) { draft = value; return this; }

        public PullRequest build() {
            return new PullRequest(id, number, title, state, authorLogin, headRef, headSha, baseRef, createdAt,
                    updatedAt, closedAt, mergedAt, body, draft);
        }
    }
}
