package dev.autosync.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * A repository with its metrics. The metrics are kept exact by the processor's writers (see
 * {@link Keys} and the store's counter rules), never computed by scanning.
 *
 * @param installationId    null for a repository seen outside an App installation
 * @param webhookConfigured true for App installations, whose App webhook covers every repository
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Repository(long githubId, Long installationId, String name, String fullName, String owner,
                         String htmlUrl, @JsonProperty("private") boolean isPrivate, String defaultBranch,
                         String language, String description, boolean archived, boolean disabled,
                         Instant createdAt, Instant updatedAt, Instant pushedAt, Instant lastSyncedAt,
                         boolean autoSyncEnabled, boolean webhookConfigured, long commitCount,
                         long contributorCount, long openIssuesCount, long openPullCount) {
}
