package dev.autosync.store;

import java.time.Instant;

/**
 * A repository with its metrics. The metrics are kept exact by the processor's writers (see
 * {@link Keys} and the store's counter rules), never computed by scanning.
 *
 * @param installationId    null for a repository seen outside an App installation
 * @param webhookConfigured true for App installations, whose App webhook covers every repository
 */
public record Repository(long githubId, Long installationId, String name, String fullName, String owner,
                         String htmlUrl, boolean isPrivate, String defaultBranch,
                         String language, String description, boolean archived, boolean disabled,
                         Instant createdAt, Instant updatedAt, Instant pushedAt, Instant lastSyncedAt,
                         boolean autoSyncEnabled, boolean webhookConfigured, long commitCount,
                         long contributorCount, long openIssuesCount, long openPullCount) {
}
