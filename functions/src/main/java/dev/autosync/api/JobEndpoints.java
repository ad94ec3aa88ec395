package dev.autosync.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autosync.api.Route.Access;
import dev.autosync.common.Json;
import dev.autosync.store.JobFilter;
import dev.autosync.store.JobStore;
import dev.autosync.store.JobTotals;
import dev.autosync.store.PageRequest;
import dev.autosync.store.SyncJob;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The sync job history: the list (with 7-day statistics from the hourly {@link JobTotals}, so a call reads
 * at most one small item per hour and job type however many jobs there were) and one job.
 */
final class JobEndpoints {

    /** The statistics cover jobs created in this many days (from the start of that hour), whatever page is shown. */
    static final Duration STATS_WINDOW = Duration.ofDays(7);
    private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final Set<String> TYPES = wireNames(SyncJob.Type.values());
    private static final Set<String> STATUSES = wireNames(SyncJob.Status.values());

    private final JobStore jobs;
    private final JobTotals totals;
    private final Paging paging;
    private final Clock clock;

    JobEndpoints(JobStore jobs, JobTotals totals, Paging paging, Clock clock) {
        this.jobs = jobs;
        this.totals = totals;
        this.paging = paging;
        this.clock = clock;
    }

    List<Route> routes() {
        return List.of(
                Route.get("/api/sync/jobs", Access.TOKEN, "listJobs", this::list),
                Route.get("/api/sync/jobs/{job_id}", Access.TOKEN, "getJob", this::one));
    }

    private ApiResponse list(Call call) {
        Params params = call.params();
        Optional<SyncJob.Type> type = params.oneOf("type", TYPES).map(SyncJob.Type::fromWireName);
        Optional<SyncJob.Status> status = params.oneOf("status", STATUSES).map(SyncJob.Status::fromWireName);
        Optional<Long> installation = params.queryId("installation_id");
        Map<String, String> filters = new TreeMap<>();
        type.ifPresent(t -> filters.put("type", t.wireName()));
        status.ifPresent(s -> filters.put("status", s.wireName()));
        installation.ifPresent(id -> filters.put("installation_id", id.toString()));
        PageRequest page = paging.request(params, "jobs", filters);
        ObjectNode body = paging.body("jobs", filters, jobs.jobs(new JobFilter(type, status, installation, Optional.empty()), page),
                JobJson::job);
        Map<SyncJob.Status, JobTotals.Count> recent = totals.since(clock.instant().minus(STATS_WINDOW), type, installation);
        status.ifPresent(only -> recent.replaceAll((s, count) -> s == only ? count : new JobTotals.Count(0, 0, 0)));
        body.set("stats", Json.mapper().valueToTree(JobStats.of(recent)));
        return ApiResponse.ok(body);
    }

    private ApiResponse one(Call call) {
        String id = call.params().pathText("job_id");
        if (!JOB_ID.matcher(id).matches()) {
            throw new InvalidParameterException("job_id", "must be 1 to 64 letters, digits and dashes");
        }
        return ApiResponse.ok(jobs.job(id).map(JobJson::job).orElseThrow(() -> new ResourceNotFoundException("no job " + id)));
    }

    private static Set<String> wireNames(Enum<?>[] values) {
        return Arrays.stream(values).map(v -> v.name().toLowerCase(java.util.Locale.ROOT)).collect(Collectors.toSet());
    }

    /** Statistics over a set of jobs, in the seed system's shape. */
    record JobStats(@com.fasterxml.jackson.annotation.JsonProperty("total") int total,
                    @com.fasterxml.jackson.annotation.JsonProperty("by_status") Map<String, Integer> byStatus,
                    @com.fasterxml.jackson.annotation.JsonProperty("success_rate") Double successRate,
                    @com.fasterxml.jackson.annotation.JsonProperty("avg_duration_seconds") Double avgDurationSeconds) {

        private static final Set<SyncJob.Status> FINISHED =
                Set.of(SyncJob.Status.COMPLETED, SyncJob.Status.COMPLETED_WITH_ERRORS, SyncJob.Status.FAILED);

        /** success_rate = completed / finished; the mean duration is over finished jobs with both times. */
        static JobStats of(Map<SyncJob.Status, JobTotals.Count> counts) {
            Map<String, Integer> byStatus = new LinkedHashMap<>();
            long total = 0;
            long finished = 0;
            long timed = 0;
            long millis = 0;
            for (SyncJob.Status status : SyncJob.Status.values()) {
                JobTotals.Count count = counts.get(status);
                byStatus.put(status.wireName(), (int) count.jobs());
                total += count.jobs();
                if (FINISHED.contains(status)) {
                    finished += count.jobs();
                    timed += count.timed();
                    millis += count.millis();
                }
            }
            long completed = counts.get(SyncJob.Status.COMPLETED).jobs();
            Double rate = finished == 0 ? null : Math.round(1000.0 * completed / finished) / 1000.0;
            Double mean = timed == 0 ? null : Math.round(10.0 * millis / timed / 1000.0) / 10.0;
            return new JobStats((int) total, byStatus, rate, mean);
        }
    }
}
