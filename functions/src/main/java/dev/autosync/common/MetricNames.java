package dev.autosync.common;

import java.util.List;

/**
 * Every metric the functions emit (CloudWatch Embedded Metric Format, see {@link Metrics}), its dimension
 * names and the dimension values alarms select: one place that the emitting code, the CDK stack's and
 * {@code template.yaml}'s dashboard and alarms, and their tests all use.
 *
 * <p>Each distinct dimension combination is a paid custom metric, so a metric carries its full dimension set
 * (bounded values only) plus just the rollups an alarm needs: an alarm must name a metric's exact dimensions
 * and cannot sum across them, and the dashboard uses {@code SEARCH} for the rest.
 */
public final class MetricNames {

    private MetricNames() {
    }

    /** Webhook deliveries answered, by {@link #EVENT} and {@link #OUTCOME} (queued, duplicate, rejected, ...). */
    public static final String WEBHOOK_DELIVERIES = "WebhookDeliveries";
    /** Webhook requests whose signature did not verify; no dimensions. */
    public static final String SIGNATURE_FAILURES = "SignatureFailures";
    /** Deliveries the processor finished, by {@link #EVENT} and {@link #OUTCOME} (processed, duplicate, stale, ignored, busy, failed, rejected, superseded). */
    public static final String EVENTS = "Events";
    /** Sync jobs finished, by {@link #TYPE} and {@link #STATUS}, with rollups by {@link #TYPE} alone and {@link #STATUS} alone. */
    public static final String SYNC_JOBS = "SyncJobs";
    /** Repositories a finished sync job processed; dimensions as {@link #SYNC_JOBS}. */
    public static final String REPOSITORIES_SYNCED = "RepositoriesSynced";
    /** Failed webhook deliveries the sync asked GitHub to redeliver; no dimensions. */
    public static final String REDELIVERIES_REQUESTED = "RedeliveriesRequested";
    /** GitHub's {@code x-ratelimit-remaining}, a gauge by {@link #RESOURCE}. */
    public static final String GITHUB_RATE_LIMIT_REMAINING = "GitHubRateLimitRemaining";
    /** GitHub's remaining rate limit as a percentage of the limit (0-100), a gauge by {@link #RESOURCE}. */
    public static final String GITHUB_RATE_LIMIT_REMAINING_PERCENT = "GitHubRateLimitRemainingPercent";
    /** Api requests answered, by {@link #ROUTE} and {@link #STATUS} class (2xx, 4xx, ...). */
    public static final String API_REQUESTS = "ApiRequests";
    /**
     * Seconds a sync task started after it was due (its {@code not_before}, else when it became visible on
     * the queue); no dimensions. A deliberate rate-limit wait is not lateness: the task is due at its end.
     */
    public static final String SYNC_TASK_DELAY = "SyncTaskDelay";

    public static final String EVENT = "event";
    public static final String OUTCOME = "outcome";
    public static final String TYPE = "type";
    public static final String STATUS = "status";
    public static final String RESOURCE = "resource";
    public static final String ROUTE = "route";

    /** The {@link #STATUS} of a failed sync job (an alarm's dimension value). */
    public static final String STATUS_FAILED = "failed";
    /** The {@link #TYPE} of a periodic sync job (an alarm's dimension value). */
    public static final String TYPE_PERIODIC_SYNC = "periodic_sync";
    /** The {@link #RESOURCE} of GitHub's core REST rate limit (an alarm's dimension value). */
    public static final String RESOURCE_CORE = "core";

    /** Every metric name, for tests that check the dashboard and alarms name only metrics that exist. */
    public static final List<String> ALL = List.of(WEBHOOK_DELIVERIES, SIGNATURE_FAILURES, EVENTS, SYNC_JOBS,
            REPOSITORIES_SYNCED, REDELIVERIES_REQUESTED, GITHUB_RATE_LIMIT_REMAINING,
            GITHUB_RATE_LIMIT_REMAINING_PERCENT, API_REQUESTS, SYNC_TASK_DELAY);
}
