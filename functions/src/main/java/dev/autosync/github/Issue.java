package dev.autosync.github;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An issue (never a pull request: the client filters those out of issue listings), with the meaning
 * the webhook path gives its fields: {@code authorLogin} is null when the author's account was deleted
 * (GitHub shows the placeholder user {@code ghost}); {@code labels} are label names, {@code assignees}
 * logins; {@code stateReason} is GitHub's {@code state_reason} ({@code completed}, {@code not_planned},
 * {@code reopened}), empty when GitHub gives none; {@code comments} counts the comments.
 * Build one with {@link #builder()}. {@code toString()} leaves out the title and body.
 *
 * @see <a href="https://docs.github.com/en/rest/issues/issues#list-repository-issues">List repository issues</a>
 */
public record Issue(long id, int number, String title, String state, String authorLogin,
                    Instant createdAt, Instant updatedAt, Optional<Instant> closedAt,
                    Optional<String> body, Optional<String> stateReason, List<String> labels, List<String> assignees,
                    int comments) {

    public Issue {
        closedAt = closedAt == null ? Optional.empty() : closedAt;
        body = body == null ? Optional.empty() : body;
        stateReason = stateReason == null ? Optional.empty() : stateReason;
        labels = labels == null ? List.of() : List.copyOf(labels);
        assignees = assignees == null ? List.of() : List.copyOf(assignees);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String toString() {
        return "Issue[id=" + id + ", number=" + number + ", state=" + state + ", updatedAt=" + updatedAt + "]";
    }

    /** Optional fields default to empty, lists to empty, {@code comments} to 0. */
    public static final class Builder {
        private long id;
        private int number;
        private String title;
        private String state;
        private String authorLogin;
        private Instant createdAt;
        private Instant updatedAt;
        private Optional<Instant> closedAt = Optional.empty();
        private Optional<String> body = Optional.empty();
        private Optional<String> stateReason = Optional.empty();
        private List<String> labels = List.of();
        private List<String> assignees = List.of();
        private int comments;

        private Builder() {
        }

        public Builder id(long value) { id = value; return this; }
        public Builder number(int value) { number = value; return this; }
        public Builder title(String value) { title = value; return this; }
        public Builder state(String value) { state = value; return this; }
        public Builder authorLogin(String value) { authorLogin = value; return this; }
        public Builder createdAt(Instant value) { createdAt = value; return this; }
        public Builder updatedAt(Instant value) { updatedAt = value; return this; }
        public Builder closedAt(Optional<Instant> value) { closedAt = value; return this; }
        public Builder body(Optional<String> value) { body = value; return this; }
        public Builder stateReason(Optional<String> value) { stateReason = value; return this; }
        public Builder labels(List<String> value) { labels = value; return this; }
        public Builder assignees(List<String> value) { assignees = value; return this; }
        public Builder comments(int value) { comments = value; return this; }

        public Issue build() {
            return new Issue(id, number, title, state, authorLogin, createdAt, updatedAt, closedAt, body, stateReason,
                    labels, assignees, comments);
        }
    }
}
