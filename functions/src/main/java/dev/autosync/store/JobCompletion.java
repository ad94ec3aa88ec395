package dev.autosync.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autosync.common.Json;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** The one final write of a job whose tasks all ended: status, completion time, details, error summary. */
final class JobCompletion {

    /** Per-repository results kept in a completed job's details (failures first). */
    static final int DETAILS_REPOSITORIES = 100;
    /** Failures quoted in {@code error_message}. */
    private static final int MESSAGE_ERRORS = 3;
    private static final int MESSAGE_CHARS = 1_000;

    private final Table table;
    private final JobTotals totals;
    private final Clock clock;

    JobCompletion(Table table, JobTotals totals, Clock clock) {
        this.table = table;
        this.totals = totals;
        this.clock = clock;
    }

    /** Ends the job if all its tasks ended and nobody ended it yet; the job, only to the caller that ended it. */
    Optional<SyncJob> completeIfDone(String jobId) {
        Optional<Map<String, AttributeValue>> found = table.get(Keys.job(jobId));
        if (found.isEmpty() || JobProgress.ended(found.get()) || !found.get().containsKey(Attr.TASKS_EXPECTED)) {
            found.ifPresent(totals::settle); // a retry after a crash between the final write and the totals'
            return Optional.empty();
        }
        Map<String, AttributeValue> job = found.get();
        long expected = Av.num(job, Attr.TASKS_EXPECTED);
        long done = Av.num(job, Attr.TASKS_DONE);
        if (done < expected) {
            return Optional.empty();
        }
        long errors = Av.num(job, Attr.ERRORS_COUNT);
        SyncJob.Status status = errors == 0 ? SyncJob.Status.COMPLETED
                : errors >= done ? SyncJob.Status.FAILED : SyncJob.Status.COMPLETED_WITH_ERRORS;
        List<TaskOutcome> outcomes = outcomes(jobId);
        Map<String, AttributeValue> changes = new HashMap<>(Map.of(Attr.STATUS, Av.s(status.wireName()),
                Attr.COMPLETED_AT, Av.time(clock.instant()), Attr.DETAILS, Av.s(details(job, outcomes).toString())));
        if (errors > 0) {
            changes.put(Attr.ERROR_MESSAGE, Av.s(errorMessage(errors, done, outcomes)));
        }
        Expression e = Expression.create();
        changes.forEach(e::set);
        e.condition(e.name(Attr.STATUS) + " IN (" + e.value(Av.s(SyncJob.Status.PENDING.wireName())) + ", "
                + e.value(Av.s(SyncJob.Status.RUNNING.wireName())) + ")");
        e.condition(e.name(Attr.TASKS_DONE) + " = " + e.name(Attr.TASKS_EXPECTED));
        Optional<Map<String, AttributeValue>> after = table.update(e.apply(UpdateItemRequest.builder()
                .key(Av.key(Keys.job(jobId)))).returnValues(ReturnValue.ALL_NEW));
        after.ifPresent(totals::settle);
        return after.map(JobCodec::job);
    }

    /** The result a task item records (its intent), or null when it has none yet. */
    static TaskResult result(Map<String, AttributeValue> task) {
        String outcome = Av.str(task, Attr.OUTCOME);
        if (outcome == null) {
            return null;
        }
        return new TaskResult(TaskResult.Outcome.fromWireName(outcome), Av.str(task, Attr.REPOSITORY),
                (int) Av.num(task, Attr.COMMITS), (int) Av.num(task, Attr.ISSUES), (int) Av.num(task, Attr.PULLS),
                (int) Av.num(task, Attr.REDELIVERIES), Av.str(task, Attr.ERROR), (int) Av.num(task, Attr.CHECKED));
    }

    private record TaskOutcome(String task, TaskResult result) {
    }

    /** Every task's result, one read of the job's partition (once per job). */
    private List<TaskOutcome> outcomes(String jobId) {
        Expression e = Expression.create();
        String keyCondition = e.name(TableSchema.PK) + " = " + e.value(Av.s(Keys.job(jobId).pk()))
                + " AND begins_with(" + e.name(TableSchema.SK) + ", " + e.value(Av.s(Keys.TASK_PREFIX)) + ")";
        List<TaskOutcome> outcomes = new ArrayList<>();
        for (Map<String, AttributeValue> item : table.queryAll(e.applyQuery(QueryRequest.builder()
                .keyConditionExpression(keyCondition).consistentRead(true)))) {
            TaskResult result = result(item);
            if (result != null) {
                outcomes.add(new TaskOutcome(Av.str(item, Attr.TASK_KEY), result));
            }
        }
        return outcomes;
    }

    private static ObjectNode details(Map<String, AttributeValue> job, List<TaskOutcome> outcomes) {
        JsonNode original = JobCodec.storedDetails(job);
        ObjectNode details = original instanceof ObjectNode object ? object.deepCopy() : Json.mapper().createObjectNode();
        if (original != null && !(original instanceof ObjectNode)) {
            details.set("original", original);
        }
        JobCodec.putProgress(details, job);
        List<TaskOutcome> repositories = new ArrayList<>();
        outcomes.stream().filter(o -> o.result().repository() != null && o.result().outcome() == TaskResult.Outcome.FAILED)
                .forEach(repositories::add);
        outcomes.stream().filter(o -> o.result().repository() != null && o.result().outcome() != TaskResult.Outcome.FAILED)
                .forEach(repositories::add);
        ArrayNode list = details.putArray("repositories");
        for (TaskOutcome outcome : repositories.subList(0, Math.min(DETAILS_REPOSITORIES, repositories.size()))) {
            TaskResult result = outcome.result();
            ObjectNode entry = list.addObject()
                    .put("repository", result.repository())
                    .put("task", outcome.task())
                    .put("outcome", result.outcome().wireName())
                    .put("commits", result.commits())
                    .put("issues", result.issues())
                    .put("pulls", result.pulls());
            if (result.redeliveries() > 0) {
                entry.put("redeliveries", result.redeliveries());
            }
            if (result.error() != null) {
                entry.put("error", result.error());
            }
        }
        details.put("repositories_total", repositories.size());
        details.put("repositories_truncated", repositories.size() > DETAILS_REPOSITORIES);
        return details;
    }

    private static String errorMessage(long errors, long done, List<TaskOutcome> outcomes) {
        StringBuilder text = new StringBuilder().append(errors).append(" of ").append(done).append(" tasks failed");
        String separator = ": ";
        int quoted = 0;
        for (TaskOutcome outcome : outcomes) {
            if (outcome.result().outcome() != TaskResult.Outcome.FAILED || quoted == MESSAGE_ERRORS) {
                continue;
            }
            String who = outcome.result().repository() != null ? outcome.result().repository() : outcome.task();
            text.append(separator).append(who).append(" (").append(outcome.result().error()).append(')');
            separator = "; ";
            quoted++;
        }
        if (errors > quoted && quoted > 0) {
            text.append("; …");
        }
        return text.length() > MESSAGE_CHARS ? text.substring(0, MESSAGE_CHARS - 1) + "…" : text.toString();
    }
}
