package dev.autosync.github;

import java.time.Instant;
import java.util.Optional;

/**
 * The repository fields autosync keeps, with the meaning the webhook path gives them: {@code htmlUrl}
 * is the web page, {@code description} and {@code language} are empty when GitHub has none,
 * {@code disabled} is GitHub's flag for a repository it disabled. Build one with {@link #builder()}.
 *
 * @see <a href="https://docs.github.com/en/rest/repos/repos#get-a-repository">Get a repository</a>
 */
public record Repository(long id, String nodeId, RepoRef ref, long ownerId, boolean privateRepo, boolean archived,
                         String defaultBranch, Instant createdAt, Instant updatedAt, Optional<Instant> pushedAt,
                         String htmlUrl, Optional<String> description, Optional<String> language, boolean disabled) {

    public Repository {
        pushedAt = pushedAt == null ? Optional.empty() : pushedAt;
        description = description == null ? Optional.empty() : description;
        language = language == null ? Optional.empty() : language;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Optional fields default to empty, flags to false. */
    public static final class Builder {
        private long id;
        private String nodeId;
        private RepoRef ref;
        private long ownerId;
        private boolean privateRepo;
        private boolean archived;
        private String defaultBranch;
        private Instant createdAt;
        private Instant updatedAt;
        private Optional<Instant> pushedAt = Optional.empty();
        private String htmlUrl;
        private Optional<String> description = Optional.empty();
        private Optional<String> language = Optional.empty();
        private boolean disabled;

        private Builder() {
        }

        public Builder id(long value) { id = value; return this; }
        public Builder nodeId(String value) { nodeId = value; return this; }
        public Builder ref(RepoRef value) { ref = value; return this; }
        public Builder ownerId(long value) { ownerId = value; return this; }
        public Builder privateRepo(boolean value) { privateRepo = value; return this; }
        public Builder archived(boolean value) { archived = value; return this; }
        public Builder defaultBranch(String value) { defaultBranch = value; return this; }
        public Builder createdAt(Instant value) { createdAt = value; return this; }
        public Builder updatedAt(Instant value) { updatedAt = value; return this; }
        public Builder pushedAt(Optional<Instant> value) { pushedAt = value; return this; }
        public Builder htmlUrl(String value) { htmlUrl = value; return this; }
        public Builder description(Optional<String> value) { description = value; return this; }
        public Builder language(Optional<String> value) { language = value; return this; }
        public Builder disabled(boolean value) { disabled = value; return this; }

        public Repository build() {
            return new Repository(id, nodeId, ref, ownerId, privateRepo, archived, defaultBranch, createdAt, updatedAt,
                    pushedAt, htmlUrl, description, language, disabled);
        }
    }
}
