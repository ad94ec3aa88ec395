package dev.autosync.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autosync.common.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maps {@link SyncJob} to and from its item; {@code details} is kept as JSON text. A job whose tasks are
 * counted ({@link JobProgress}) reads with its live progress merged into {@code details}: {@code tasks}
 * ({@code expected}, {@code done}, {@code failed}) and the totals {@code commits_synced}, {@code issues_synced},
 * {@code pulls_synced}, {@code redeliveries}, {@code waits} (and {@code last_wait_until} once one was recorded).
 */
final class JobCodec {

    private JobCodec() {
    }

    static Map<String, AttributeValue> item(SyncJob job) {
        Map<String, AttributeValue> item = Av.key(Keys.job(job.jobId()));
        String sortKey = Keys.jobSortKey(job.createdAt(), job.jobId());
        item.put(Attr.TYPE, Av.s(ItemCodec.TYPE_JOB));
        item.put(Attr.JOB_ID, Av.s(job.jobId()));
        item.put(Attr.JOB_TYPE, Av.s(job.jobType().wireName()));
        item.put(Attr.STATUS, Av.s(job.status().wireName()));
        putIfPresent(item, Attr.INSTALLATION_ID, job.installationId() == null ? null : Av.n(job.installationId()));
        putIfPresent(item, Attr.REPOSITORY_ID, job.repositoryId() == null ? null : Av.n(job.repositoryId()));
        item.put(Attr.REPOSITORIES_PROCESSED, Av.n(job.repositoriesProcessed()));
        item.put(Attr.ERRORS_COUNT, Av.n(job.errorsCount()));
        putIfPresent(item, Attr.DETAILS, job.details() == null ? null : Av.s(job.details().toString()));
        putIfPresent(item, Attr.ERROR_MESSAGE, job.errorMessage() == null ? null : Av.s(job.errorMessage()));
        item.put(Attr.CREATED_AT, Av.time(job.createdAt()));
        putIfPresent(item, Attr.STARTED_AT, job.startedAt() == null ? null : Av.time(job.startedAt()));
        putIfPresent(item, Attr.COMPLETED_AT, job.completedAt() == null ? null : Av.time(job.completedAt()));
        item.put(Attr.EXPIRES_AT, expiresAt(job.createdAt()));
        item.put(Attr.GSI1PK, Av.s(Keys.JOBS));
        item.put(Attr.GSI1SK, Av.s(sortKey));
        item.put(Attr.GSI2PK, Av.s(Keys.jobsOfType(job.jobType().wireName())));
        item.put(Attr.GSI2SK, Av.s(sortKey));
        return item;
    }

    /**
     * When a job created at {@code createdAt}, and every item it writes (tasks, registrations), expires:
     * {@link JobTotals#RETENTION} later. One value for all of them, so no task outlives its job.
     */
    static AttributeValue expiresAt(Instant createdAt) {
        return Av.n(createdAt.plus(JobTotals.RETENTION).getEpochSecond());
    }

    static SyncJob job(Map<String, AttributeValue> item) {
        return new SyncJob(Av.str(item, Attr.JOB_ID), SyncJob.Type.fromWireName(Av.str(item, Attr.JOB_TYPE)),
                SyncJob.Status.fromWireName(Av.str(item, Attr.STATUS)), Av.optNum(item, Attr.INSTALLATION_ID),
                Av.optNum(item, Attr.REPOSITORY_ID), (int) Av.num(item, Attr.REPOSITORIES_PROCESSED),
                (int) Av.num(item, Attr.ERRORS_COUNT), withProgress(item),
                Av.str(item, Attr.ERROR_MESSAGE), Av.instant(item, Attr.CREATED_AT),
                Av.instant(item, Attr.STARTED_AT), Av.instant(item, Attr.COMPLETED_AT));
    }

    /** The details as stored (without progress). */
    static JsonNode storedDetails(Map<String, AttributeValue> item) {
        return details(Av.str(item, Attr.DETAILS));
    }

    /** Writes the job item's counters into {@code details}. */
    static void putProgress(ObjectNode details, Map<String, AttributeValue> item) {
        details.putObject("tasks")
                .put("expected", Av.num(item, Attr.TASKS_EXPECTED))
                .put("done", Av.num(item, Attr.TASKS_DONE))
                .put("failed", Av.num(item, Attr.ERRORS_COUNT));
        for (String total : List.of(Attr.COMMITS_SYNCED, Attr.ISSUES_SYNCED, Attr.PULLS_SYNCED, Attr.REDELIVERIES,
                Attr.WAITS)) {
            details.put(total, Av.num(item, total));
        }
        String lastWait = Av.str(item, Attr.LAST_WAIT_UNTIL);
        if (lastWait != null) {
            details.put(Attr.LAST_WAIT_UNTIL, lastWait);
        }
    }

    private static JsonNode withProgress(Map<String, AttributeValue> item) {
        JsonNode stored = storedDetails(item);
        if (item.containsKey(Attr.STEP) && stored instanceof ObjectNode operation) {
            // An operation's job (replay, redrive): its counts beside what it was asked to do.
            for (JobStore.OperationCount count : JobStore.OperationCount.values()) {
                operation.put(count.attribute, Av.optNum(item, count.attribute) == null ? 0 : Av.num(item, count.attribute));
            }
            operation.remove(OperationState.CURSOR);
            return operation;
        }
        if (!item.containsKey(Attr.TASKS_EXPECTED) || (stored != null && !(stored instanceof ObjectNode))) {
            return stored;
        }
        ObjectNode details = stored == null ? Json.mapper().createObjectNode() : (ObjectNode) stored;
        putProgress(details, item);
        return details;
    }

    private static JsonNode details(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored job details are not JSON", e);
        }
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, AttributeValue value) {
        if (value != null) {
            item.put(name, value);
        }
    }
}
