package dev.autosync.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * The body of {@code GET /api/sync/health}. A section is null when its backing service could not be
 * read (the status is then {@code unhealthy}).
 *
 * @param problems why the status is not {@code healthy}, one sentence each
 */
public record HealthReport(
        @JsonProperty("status") Status status,
        @JsonProperty("checked_at") Instant checkedAt,
        @JsonProperty("system") SystemCounts system,
        @JsonProperty("last_periodic_sync") LastPeriodicSync lastPeriodicSync,
        @JsonProperty("queues") QueueCounts queues,
        @JsonProperty("problems") List<String> problems) {

    public enum Status {
        @JsonProperty("healthy") HEALTHY,
        @JsonProperty("degraded") DEGRADED,
        @JsonProperty("unhealthy") UNHEALTHY
    }

    /** @param syncCoverage percentage of repositories synced recently, one decimal (100.0 when there are none) */
    public record SystemCounts(@JsonProperty("total_installations") long totalInstallations,
                               @JsonProperty("total_repositories") long totalRepositories,
                               @JsonProperty("synced_repositories") long syncedRepositories,
                               @JsonProperty("sync_coverage") double syncCoverage) {
    }

    public record LastPeriodicSync(@JsonProperty("job_id") String jobId,
                                   @JsonProperty("time") Instant time,
                                   @JsonProperty("status") String status,
                                   @JsonProperty("repos_processed") long reposProcessed) {
    }

    /**
     * @param deadLetters          every dead-letter queue together
     * @param deadLettersByQueue   each configured dead-letter queue ({@code events}, {@code sync_tasks}): which
     *                             one holds messages says where to look (a delivery or a sync task)
     */
    public record QueueCounts(@JsonProperty("events_backlog") long eventsBacklog,
                              @JsonProperty("dead_letters") long deadLetters,
                              @JsonProperty("dead_letters_by_queue") java.util.Map<String, Long> deadLettersByQueue) {

        /** From one reading of each dead-letter queue (read once: the total is their sum). */
        public static QueueCounts of(long eventsBacklog, java.util.Map<String, Long> deadLettersByQueue) {
            return new QueueCounts(eventsBacklog, deadLettersByQueue.values().stream().mapToLong(Long::longValue).sum(),
                    java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(deadLettersByQueue)));
        }
    }
}
